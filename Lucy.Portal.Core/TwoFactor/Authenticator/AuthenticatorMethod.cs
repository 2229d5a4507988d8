using Lucy.Portal.Core.Accounts;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>The built-in authenticator (RFC 6238 TOTP, any authenticator app) behind the second-factor seam.</summary>
internal sealed class AuthenticatorMethod(AuthenticatorEnrollment enrollment, AuthenticatorCodeVerifier codes) : ISecondFactorMethod
{
    public EnrollmentMethod Method => EnrollmentMethod.BuiltInAuthenticator;
    public string DisplayName => "Authenticator app";
    public FactorCapabilities Capabilities => FactorCapabilities.Code | FactorCapabilities.Local;
    public string MalformedMessage => "Enter the 6-digit code from your authenticator app.";

    // Needs no provider: always available.
    public Task<bool> IsAvailableAsync(CancellationToken ct = default) => Task.FromResult(true);

    public Task<bool> IsEnrolledAsync(PortalUser user, CancellationToken ct = default) => enrollment.IsEnrolledAsync(user, ct);

    public async Task<FactorOffer?> OfferAsync(PortalUser user, CancellationToken ct = default) =>
        await IsEnrolledAsync(user, ct) ? new FactorOffer(Method, DisplayName, Capabilities)
        {
            CodeLabel = "6-digit code",
            CodeHint = "Open your authenticator app and enter the code shown for Lucy.",
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

    public EnrollmentChoice DescribeEnrollment(PortalUser user) => new(Method, DisplayName,
        "Works with the Authy app, Google Authenticator, Microsoft Authenticator, 1Password and other authenticator apps. "
        + "The app shows a new 6-digit code every 30 seconds. No data leaves this system.")
    {
        Recommended = true,
    };

    public Task RemoveAsync(PortalUser user, string? ipAddress, CancellationToken ct = default) =>
        enrollment.RemoveAsync(user, ipAddress: ipAddress, ct: ct);
}
