using System.Security.Claims;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Components.Account.Manage;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Sessions;
using Lucy.Portal.Core.SecurityImages;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Resources;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
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

        // Reachable signed-in or not, so a stale tab can always log out. The endpoint binds no form, so the antiforgery
        // middleware would let it through: the token is checked here, and a post from another site logs no one out.
        account.MapPost("/Logout", async Task<Results<ContentHttpResult, RedirectHttpResult>> (
            HttpContext context,
            ClaimsPrincipal user,
            [FromServices] IAntiforgery antiforgery,
            [FromServices] SignInManager<PortalUser> signInManager,
            [FromServices] AuditLog audit,
            [FromServices] IStringLocalizer<LoginText> text) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                // A tab whose session already ended has nothing to lose and goes to the login page as before.
                return user.Identity?.IsAuthenticated == true
                    ? TypedResults.Text(text["Endpoint_LogoutRefused"], "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest)
                    : TypedResults.LocalRedirect("~/Account/Login");
            }
            var userId = signInManager.UserManager.GetUserId(user);
            var account = userId is null ? null : await signInManager.UserManager.GetUserAsync(user);
            await signInManager.SignOutAsync();
            if (userId is not null)
            {
                await audit.WriteAsync(new AuditEntry(AuditEvents.Logout, AuditOutcome.Success)
                {
                    ActorId = userId,
                    ActorEmail = account?.Email ?? user.Identity?.Name,
                    IpAddress = context.Connection.RemoteIpAddress?.ToString(),
                });
            }
            return TypedResults.LocalRedirect("~/Account/Login");
        }).AllowAnonymous();

        // The interactive token prompt cannot set cookies: it hands over a single-use grant, posted here
        // (antiforgery-checked, never in a URL) with a full page load, for the user the two-factor cookie names, in the
        // browser whose key opened the challenge, and nobody else. The plain code form redeems its grant the same way
        // (SignInCompletion.RedeemGrantAsync) in its own post.
        account.MapPost("/CompleteSignIn", async (
            HttpContext context,
            [FromServices] IAntiforgery antiforgery,
            [FromServices] SignInManager<PortalUser> signInManager,
            [FromServices] SignInChallenges challenges,
            [FromServices] AuditLog audit) =>
        {
            var (grant, returnUrl) = await ReadGrantFormAsync(context, antiforgery);
            return TypedResults.LocalRedirect(await SignInCompletion.RedeemGrantAsync(context, signInManager, challenges, audit, grant, returnUrl));
        }).AllowAnonymous().DisableAntiforgery();

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
            [FromServices] LockoutNotice lockoutNotice,
            [FromServices] AuditLog audit) =>
        {
            PortalUser? account = null;
            if (user.Identity?.IsAuthenticated == true)
            {
                if (await sessions.IsCurrentAsync(user))
                {
                    return TypedResults.LocalRedirect("~/");
                }
                account = await signInManager.UserManager.GetUserAsync(user);
                await signInManager.SignOutAsync();
                await audit.WriteAsync(new AuditEntry(AuditEvents.Logout, AuditOutcome.Success)
                {
                    ActorId = signInManager.UserManager.GetUserId(user),
                    ActorEmail = account?.Email ?? user.Identity.Name,
                    IpAddress = context.Connection.RemoteIpAddress?.ToString(),
                    Detail = SignOutReasons.MessageFor(reason) is null ? "session ended" : reason,
                });
            }
            if (reason == SignOutReasons.LockedOut)
            {
                var lockedUntil = account is null ? null : await signInManager.UserManager.GetLockoutEndDateAsync(account);
                return TypedResults.LocalRedirect("~/" + lockoutNotice.PageFor(lockedUntil));
            }
            if (SignOutReasons.MessageFor(reason) is { } message)
            {
                IdentityRedirectManager.SetStatus(context, message);
            }
            return TypedResults.LocalRedirect("~/Account/Login");
        }).AllowAnonymous();

        // "Log out everywhere" on the Account page: every session of the user ends (other browsers' cookies and live
        // pages lose access) and remembered devices are forgotten; this browser lands on the login page.
        account.MapPost("/LogoutEverywhere", async (
            HttpContext context,
            ClaimsPrincipal principal,
            [FromServices] IAntiforgery antiforgery,
            [FromServices] SignInManager<PortalUser> signInManager,
            [FromServices] SignOutEverywhere everywhere,
            [FromServices] IStringLocalizer<LoginText> text) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }
            if (await signInManager.UserManager.GetUserAsync(principal) is { } user)
            {
                await everywhere.RunAsync(user, context.Connection.RemoteIpAddress?.ToString());
            }
            await signInManager.SignOutAsync();
            IdentityRedirectManager.SetStatus(context, text["Endpoint_LoggedOutEverywhere"]);
            return Results.LocalRedirect("~/Account/Login");
        });
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

    // Antiforgery is checked here rather than by the framework, so a forged or stale post is refused like any other bad
    // grant (back to log in) instead of failing as a bare 400.
    private static async Task<(string? Grant, string? ReturnUrl)> ReadGrantFormAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return (null, null);
        }
        var form = await context.Request.ReadFormAsync();
        return (form["grant"], form["returnUrl"]);
    }
}
