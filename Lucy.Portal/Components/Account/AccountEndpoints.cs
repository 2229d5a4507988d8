using System.Security.Claims;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Components.Account.Manage;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.SecurityImages;
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

        // Where an interactive page sends the browser (full load) after it changed the security stamp: enrolling or
        // disabling 2FA, or a lockout. It signs out only a session that is already stale, so a cross-site link to it
        // can log no one out; the message comes from a fixed list, never from the query.
        account.MapGet("/SignedOut", async (
            HttpContext context,
            ClaimsPrincipal user,
            [FromQuery] string? reason,
            [FromServices] SignInManager<PortalUser> signInManager,
            [FromServices] SessionValidator sessions,
            [FromServices] AuditLog audit) =>
        {
            if (user.Identity?.IsAuthenticated == true)
            {
                if (await sessions.IsCurrentAsync(user))
                {
                    return TypedResults.LocalRedirect("~/");
                }
                await signInManager.SignOutAsync();
                await audit.WriteAsync(new AuditEntry(AuditEvents.Logout, AuditOutcome.Success)
                {
                    ActorId = signInManager.UserManager.GetUserId(user),
                    IpAddress = context.Connection.RemoteIpAddress?.ToString(),
                    Detail = SignOutReasons.MessageFor(reason) is null ? "session ended" : reason,
                });
            }
            if (reason == SignOutReasons.LockedOut)
            {
                return TypedResults.LocalRedirect("~/Account/Lockout");
            }
            if (SignOutReasons.MessageFor(reason) is { } message)
            {
                IdentityRedirectManager.SetStatus(context, message);
            }
            return TypedResults.LocalRedirect("~/Account/Login");
        }).AllowAnonymous();

        // The picture of a login's security image, only for the browser it was issued to; never cached.
        account.MapGet("/security-image/{id}", async (
            HttpContext context,
            string id,
            [FromServices] SecurityImageChallenges images) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers["Cross-Origin-Resource-Policy"] = "same-origin";
            var png = await images.PngAsync(id, SecurityImageBrowser.ReadBinding(context), context.RequestAborted);
            return png is null ? Results.NotFound() : Results.File(png, "image/png");
        }).AllowAnonymous();

        return account;
    }
}
