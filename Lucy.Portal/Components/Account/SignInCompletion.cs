using System.Security.Claims;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.Components.Account;

/// <summary>
/// The last step of every sign-in with a second factor (the token prompt's grant, a passkey on the login page): the
/// half-signed-in state ends, a new session cookie is issued (PortalSignInManager opens its server-side session) and the
/// sign-in is audited. What the user must do next (a forced password change) follows from the new cookie's claims.
/// </summary>
internal static class SignInCompletion
{
    public static async Task<string> FinishAsync(
        HttpContext context, SignInManager<PortalUser> signInManager, AuditLog audit, PortalUser user,
        bool rememberDevice, string? method, string? returnUrl, params Claim[] extraClaims)
    {
        if (rememberDevice)
        {
            await signInManager.RememberTwoFactorClientAsync(user);
        }
        await context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        SignInBrowserKey.Clear(context);
        // The new session records the proven second factor (PortalSignInManager), so step-up is not asked again at once.
        await ((PortalSignInManager)signInManager).SignInAfterSecondFactorAsync(user, extraClaims);
        await audit.WriteAsync(new AuditEntry(AuditEvents.SignInCompleted, AuditOutcome.Success)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            IpAddress = context.Connection.RemoteIpAddress?.ToString(),
            Detail = method,
        });
        return "~/" + IdentityRedirectManager.LocalOrHome(returnUrl).TrimStart('/');
    }
}
