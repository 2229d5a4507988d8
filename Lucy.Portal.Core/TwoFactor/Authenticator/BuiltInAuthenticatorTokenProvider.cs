using Lucy.Portal.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>
/// The built-in authenticator as an Identity two-factor provider, so SignInManager's authenticator sign-in gets
/// replay protection, the ±1 step window, lockout counting and remember-client. Replaces Identity's
/// AuthenticatorTokenProvider, which accepts ±2 steps, allows reuse and keeps the key in clear.
/// </summary>
public sealed class BuiltInAuthenticatorTokenProvider(AuthenticatorCodeVerifier verifier, AuthenticatorEnrollment enrollment)
    : IUserTwoFactorTokenProvider<PortalUser>
{
    public const string ProviderName = "LucyAuthenticator";

    /// <summary>The app on the user's device computes the codes; the server never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<PortalUser> manager, PortalUser user) =>
        Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<PortalUser> manager, PortalUser user) =>
        await verifier.VerifyAsync(user, token) == AuthenticatorVerification.Accepted;

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<PortalUser> manager, PortalUser user) =>
        enrollment.IsEnrolledAsync(user);
}
