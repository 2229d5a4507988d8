using System.Security.Claims;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Components.Account.Manage;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Components.Account;

/// <summary>Account endpoints that need HttpContext and are not pages.</summary>
internal static class AccountEndpoints
{
    /// <summary>The Account page's query after a renewed session: the phone form says that other sessions were signed out.</summary>
    public const string PhoneChangedQuery = "phone=changed";

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

        // After a phone change renewed the security stamp, the session that made it comes here (full load) to get a
        // cookie with the new stamp; every other session stays ended. The token is checked against this request's own
        // session cookie, read without the stamp check that now refuses it; anything else ends this session too.
        account.MapGet("/RenewSession", async (
            HttpContext context,
            [FromQuery] string? token,
            [FromServices] SignInManager<PortalUser> signInManager,
            [FromServices] SessionRenewal renewal,
            [FromServices] IOptionsMonitor<CookieAuthenticationOptions> cookies,
            [FromServices] TimeProvider time) =>
        {
            var options = cookies.Get(IdentityConstants.ApplicationScheme);
            var cookie = options.Cookie.Name is { } name ? options.CookieManager.GetRequestCookie(context, name) : null;
            var session = cookie is null ? null : options.TicketDataFormat.Unprotect(cookie);
            var userId = session?.Principal.FindFirstValue(ClaimTypes.NameIdentifier);
            var user = userId is null ? null : await signInManager.UserManager.FindByIdAsync(userId);
            if (session is null || user is null || session.Properties.ExpiresUtc <= time.GetUtcNow()
                || !renewal.Allows(token, session.Principal, user, signInManager.Options.ClaimsIdentity.SecurityStampClaimType))
            {
                return TypedResults.LocalRedirect("~" + SignOutReasons.Url(SignOutReasons.PhoneChanged));
            }
            await signInManager.SignInWithClaimsAsync(user, session.Properties, session.Principal.FindAll("amr").ToList());
            return TypedResults.LocalRedirect("~/account?" + PhoneChangedQuery);
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

        return account;
    }
}
