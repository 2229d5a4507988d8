using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>The single-use recovery codes behind the seam: the fallback of every other method, offered while codes are left.</summary>
internal sealed class RecoveryCodeMethod(RecoveryCodeStore store) : ISecondFactorMethod
{
    public EnrollmentMethod Method => EnrollmentMethod.RecoveryCode;
    public string DisplayName => TwoFactorStrings.Recovery_Name;
    public FactorCapabilities Capabilities => FactorCapabilities.Code | FactorCapabilities.Fallback;
    public string MalformedMessage => TwoFactorStrings.Recovery_Malformed;

    public Task<bool> IsAvailableAsync(CancellationToken ct = default) => Task.FromResult(true);

    public async Task<bool> IsEnrolledAsync(PortalUser user, CancellationToken ct = default) => await store.CountRemainingAsync(user, ct) > 0;

    public async Task<FactorOffer?> OfferAsync(PortalUser user, CancellationToken ct = default)
    {
        var left = await store.CountRemainingAsync(user, ct);
        return left == 0 ? null : new FactorOffer(Method, DisplayName, Capabilities)
        {
            CodeLabel = TwoFactorStrings.Recovery_Name,
            CodeHint = TwoFactorStrings.Recovery_CodeHint(left),
            NumericCode = false,
        };
    }

    // Only the length decides here, so a mistyped character is a counted wrong code, as it always was.
    public string? NormalizeCode(string? input)
    {
        var code = OneTimeCodeFormat.StripSeparators(input);
        return code.Length == RecoveryCodeFormat.Length ? code : null;
    }

    public async Task<FactorCheckOutcome> CheckCodeAsync(PortalUser user, string code, CancellationToken ct = default) =>
        await store.RedeemAsync(user, code, ct) == RecoveryCodeRedemption.Redeemed ? FactorCheckOutcome.Accepted : FactorCheckOutcome.Wrong;

    // Recovery codes come with every enrollment; the wizard never offers them as a method.
    public EnrollmentChoice DescribeEnrollment(PortalUser user) => new(Method, DisplayName, TwoFactorStrings.Recovery_Description)
    {
        Blocker = TwoFactorStrings.Recovery_Blocker,
    };

    public Task RemoveAsync(PortalUser user, string? ipAddress, CancellationToken ct = default) => store.RemoveAllAsync(user, ct);
}
