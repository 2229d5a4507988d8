using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>The built-in authenticator (RFC 6238 TOTP, any authenticator app) behind the second-factor seam.</summary>
internal sealed class AuthenticatorMethod(AuthenticatorEnrollment enrollment, AuthenticatorCodeVerifier codes) : ISecondFactorMethod
{
    public EnrollmentMethod Method => EnrollmentMethod.BuiltInAuthenticator;
    public string DisplayName => TwoFactorStrings.Authenticator_Name;
    public FactorCapabilities Capabilities => FactorCapabilities.Code | FactorCapabilities.Local;
    public string MalformedMessage => TwoFactorStrings.Authenticator_Malformed;

    // Needs no provider: always available.
    public Task<bool> IsAvailableAsync(CancellationToken ct = default) => Task.FromResult(true);

    public Task<bool> IsEnrolledAsync(PortalUser user, CancellationToken ct = default) => enrollment.IsEnrolledAsync(user, ct);

    public async Task<FactorOffer?> OfferAsync(PortalUser user, CancellationToken ct = default) =>
        await IsEnrolledAsync(user, ct) ? new FactorOffer(Method, DisplayName, Capabilities)
        {
            CodeLabel = TwoFactorStrings.Authenticator_CodeLabel,
            CodeHint = TwoFactorStrings.Authenticator_CodeHint,
        }
        : null;

    public string? NormalizeCode(string? input) => OneTimeCodeFormat.Normalize(input);

    public async Task<FactorCheckOutcome> CheckCodeAsync(PortalUser user, string code, CancellationToken ct = default) =>
        await codes.VerifyAsync(user, code, ct) switch
        {
            AuthenticatorVerification.Accepted => FactorCheckOutcome.Accepted,
            AuthenticatorVerification.ReplayedCode => FactorCheckOutcome.Replayed,
            AuthenticatorVerification.NotEnrolled => FactorCheckOutcome.NotAvailable,
            _ => FactorCheckOutcome.Wrong,
        };

    public EnrollmentChoice DescribeEnrollment(PortalUser user) => new(Method, DisplayName, TwoFactorStrings.Authenticator_Description)
    {
        Recommended = true,
    };

    public Task RemoveAsync(PortalUser user, string? ipAddress, CancellationToken ct = default) =>
        enrollment.RemoveAsync(user, ipAddress: ipAddress, ct: ct);
}
