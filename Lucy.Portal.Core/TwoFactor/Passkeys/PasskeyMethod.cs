using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.TwoFactor.Passkeys;

/// <summary>
/// Passkeys behind the second-factor seam: the browser signs an assertion, no code is typed (so the code members
/// refuse every input). The assertion itself is checked by <c>SignIn/TwoFactorLogin.VerifyPasskeyAsync</c>, under the
/// same counting, lockout, audit and grant as every code. Enrolled means the user holds at least one passkey.
/// </summary>
internal sealed class PasskeyMethod(PasskeyRegistry passkeys) : ISecondFactorMethod
{
    public EnrollmentMethod Method => EnrollmentMethod.Passkey;
    public string DisplayName => TwoFactorStrings.Passkey_Name;
    public FactorCapabilities Capabilities => FactorCapabilities.Assertion | FactorCapabilities.Local;
    public string MalformedMessage => TwoFactorStrings.Passkey_Malformed;

    // Identity's passkey handler needs nothing outside this system: always available.
    public Task<bool> IsAvailableAsync(CancellationToken ct = default) => Task.FromResult(true);

    public Task<bool> IsEnrolledAsync(PortalUser user, CancellationToken ct = default) => passkeys.HasAnyAsync(user);

    public async Task<FactorOffer?> OfferAsync(PortalUser user, CancellationToken ct = default) =>
        await passkeys.HasAnyAsync(user) ? new FactorOffer(Method, DisplayName, Capabilities) : null;

    public string? NormalizeCode(string? input) => null;

    public Task<FactorCheckOutcome> CheckCodeAsync(PortalUser user, string code, CancellationToken ct = default) =>
        Task.FromResult(FactorCheckOutcome.NotAvailable);

    public EnrollmentChoice DescribeEnrollment(PortalUser user) => new(Method, DisplayName, TwoFactorStrings.Passkey_Description)
    {
        LabelNote = TwoFactorStrings.Passkey_LabelNote,
    };

    public Task RemoveAsync(PortalUser user, string? ipAddress, CancellationToken ct = default) => passkeys.RemoveAllAsync(user, ct);
}
