using System.Security.Claims;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Lucy.Portal.Components.Account;

/// <summary>Account endpoints that need HttpContext and are not pages.</summary>
internal static class AccountEndpoints
{
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");

        // Reachable signed-in or not, so a stale tab can always log out; antiforgery-protected as a form post.
        account.MapPost("/Logout", async (
            HttpContext context,
            ClaimsPrincipal user,
            [FromServices] SignInManager<PortalUser> signInManager,
            [FromServices] AuditLog audit) =>
        {
            var userId = signInManager.UserManager.GetUserId(user);
            await signInManager.SignOutAsync();
            if (userId is not null)
            {
                await audit.WriteAsync(new AuditEntry(AuditEvents.Logout, AuditOutcome.Success)
                {
                    ActorId = userId,
                    IpAddress = context.Connection.RemoteIpAddress?.ToString(),
                });
            }
            return TypedResults.LocalRedirect("~/Account/Login");
        }).AllowAnonymous();

        // The token prompt is interactive and cannot set cookies: it hands over a single-use grant, redeemed here
        // with a full page load, for the user the two-factor cookie names and nobody else.
        account.MapGet("/CompleteSignIn", async (
            HttpContext context,
            [FromQuery] string? grant,
            [FromQuery] string? returnUrl,
            [FromServices] SignInManager<PortalUser> signInManager,
            [FromServices] SignInChallenges challenges,
            [FromServices] AuditLog audit) =>
        {
            var ip = context.Connection.RemoteIpAddress?.ToString();
            var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
            var redemption = user is null ? GrantRedemption.Refused : await challenges.RedeemGrantAsync(grant, user.Id);
            if (user is null || !redemption.Succeeded)
            {
                await audit.WriteAsync(new AuditEntry(AuditEvents.SignInGrantRefused, AuditOutcome.Failure)
                {
                    ActorId = user?.Id,
                    IpAddress = ip,
                });
                return TypedResults.LocalRedirect("~/Account/Login");
            }

            if (redemption.RememberDevice)
            {
                await signInManager.RememberTwoFactorClientAsync(user);
            }
            await context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            await signInManager.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
            await audit.WriteAsync(new AuditEntry(AuditEvents.SignInCompleted, AuditOutcome.Success)
            {
                ActorId = user.Id,
                ActorEmail = user.Email,
                IpAddress = ip,
                Detail = redemption.Method,
            });
            return TypedResults.LocalRedirect("~/" + IdentityRedirectManager.LocalOrHome(returnUrl).TrimStart('/'));
        }).AllowAnonymous();

        return account;
    }
}
