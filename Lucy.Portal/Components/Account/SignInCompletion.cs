using System.Security.Claims;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.SignIn;
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
    /// <summary>
    /// Redeems a grant the token prompt earned, for the user the two-factor cookie names and in the browser whose key
    /// opened the challenge, and finishes the sign-in; the local address to go to next. Both ways a prompt hands over
    /// its grant come here: the interactive prompt's completion post and the app-code form's own post.
    /// </summary>
    public static async Task<string> RedeemGrantAsync(
        HttpContext context, SignInManager<PortalUser> signInManager, SignInChallenges challenges, AuditLog audit, string? grant, string? returnUrl)
    {
        var ip = context.Connection.RemoteIpAddress?.ToString();
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        var browserKey = SignInBrowserKey.Read(context);
        var redemption = user is null ? GrantRedemption.Refused : await challenges.RedeemGrantAsync(grant, user.Id, browserKey);
        if (user is null || !redemption.Succeeded)
        {
            await audit.WriteAsync(new AuditEntry(AuditEvents.SignInGrantRefused, AuditOutcome.Failure)
            {
                ActorId = user?.Id,
                IpAddress = ip,
            });
            return "~/Account/Login";
        }
        // Another tab may have locked the account after this grant was issued: a lockout outranks the grant.
        if (await signInManager.UserManager.IsLockedOutAsync(user))
        {
            await context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            await audit.WriteAsync(new AuditEntry(AuditEvents.LockedOut, AuditOutcome.Failure)
            {
                ActorId = user.Id,
                ActorEmail = user.Email,
                IpAddress = ip,
                Detail = "sign-in grant refused",
            });
            return "~/Account/Lockout";
        }
        return await FinishAsync(context, signInManager, audit, user, redemption.RememberDevice, redemption.Method, returnUrl);
    }

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
