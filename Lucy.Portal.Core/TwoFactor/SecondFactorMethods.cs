using Lucy.Portal.Core.Accounts;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>Every registered <see cref="ISecondFactorMethod"/>, in the order screens list them (assertion-based first, fallbacks last).</summary>
public sealed class SecondFactorMethods(IEnumerable<ISecondFactorMethod> methods)
{
    public IReadOnlyList<ISecondFactorMethod> All { get; } = [.. methods
        .OrderBy(m => m.Capabilities.HasFlag(FactorCapabilities.Assertion) ? 0 : m.Capabilities.HasFlag(FactorCapabilities.Fallback) ? 2 : 1)
        .ThenBy(m => m.Method)];

    /// <summary>The methods a user enrolls as factors (not the recovery-code fallback).</summary>
    public IEnumerable<ISecondFactorMethod> Factors => All.Where(m => !m.Capabilities.HasFlag(FactorCapabilities.Fallback));

    public ISecondFactorMethod? Find(EnrollmentMethod method) => All.FirstOrDefault(m => m.Method == method);

    /// <summary>The factors the user has enrolled, in listing order.</summary>
    public async Task<IReadOnlyList<ISecondFactorMethod>> EnrolledAsync(PortalUser user, CancellationToken ct = default)
    {
        var enrolled = new List<ISecondFactorMethod>();
        foreach (var method in Factors)
        {
            if (await method.IsEnrolledAsync(user, ct))
            {
                enrolled.Add(method);
            }
        }
        return enrolled;
    }

    /// <summary>What the token prompt offers the user, in listing order (the fallback last).</summary>
    public async Task<IReadOnlyList<FactorOffer>> OffersAsync(PortalUser user, CancellationToken ct = default)
    {
        var offers = new List<FactorOffer>();
        foreach (var method in All)
        {
            if (await method.OfferAsync(user, ct) is { } offer)
            {
                offers.Add(offer);
            }
        }
        return offers;
    }
}
