using System.Security.Claims;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.TwoFactor.Passkeys;
using Lucy.Portal.Resources;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Lucy.Portal.Components.Account;

/// <summary>
/// "Sign in with a passkey" on the login page: it must set the sign-in cookie, so it runs over two requests instead of a
/// live page. Both are antiforgery-checked and rate-limited like the password form (SignInRateLimits).
/// </summary>
internal static class PasskeyEndpoints
{
    public const string OptionsPath = "/Account/PasskeyOptions";
    public const string SignInPath = "/Account/PasskeySignIn";

    public static IEndpointRouteBuilder MapPasskeyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Options for any passkey of this site (the user is not known yet). Identity keeps the challenge in its protected
        // two-factor cookie, which nobody on the login page needs: the page's GET already cleared it.
        endpoints.MapPost(OptionsPath, async (
            HttpContext context,
            [FromServices] IAntiforgery antiforgery,
            [FromServices] SignInManager<PortalUser> signInManager) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }
            context.Response.Headers.CacheControl = "no-store";
            return Results.Content(await signInManager.MakePasskeyRequestOptionsAsync(null), "application/json");
        }).AllowAnonymous().DisableAntiforgery();

        // The browser's answer, posted with a full page load. Identity checks it (challenge, origin, relying party, user
        // verification, signature, counter) and uses its challenge up; the portal then applies lockout and 2FA state, and
        // finishes the sign-in the way the token prompt's grant does.
        endpoints.MapPost(SignInPath, async (
            HttpContext context,
            [FromServices] IAntiforgery antiforgery,
            [FromServices] SignInManager<PortalUser> signInManager,
            [FromServices] PasswordlessSignIn passwordless,
            [FromServices] LockoutNotice lockoutNotice,
            [FromServices] AuditLog audit) =>
        {
            var ip = context.Connection.RemoteIpAddress?.ToString();
            string? credential = null;
            string? returnUrl = null;
            if (context.Request.HasFormContentType && await antiforgery.IsRequestValidAsync(context))
            {
                var form = await context.Request.ReadFormAsync();
                (credential, returnUrl) = (form["credential"], form["returnUrl"]);
            }
            var outcome = await passwordless.ConcludeAsync(await AssertAsync(signInManager, credential), ip);
            if (outcome.LockedOut)
            {
                return Results.LocalRedirect("~/" + lockoutNotice.PageFor(outcome.LockedUntil));
            }
            if (outcome.User is not { } user)
            {
                IdentityRedirectManager.SetStatus(context, PasskeyText.Get("Passkey_SignInRefused"));
                return Results.LocalRedirect("~/Account/Login");
            }
            return Results.LocalRedirect(await SignInCompletion.FinishAsync(
                context, signInManager, audit, user, rememberDevice: false, "Passkey (passwordless)", returnUrl, new Claim("amr", "hwk")));
        }).AllowAnonymous().DisableAntiforgery();

        return endpoints;
    }

    private static async Task<PasskeyAssertionResult<PortalUser>> AssertAsync(SignInManager<PortalUser> signInManager, string? credential)
    {
        if (string.IsNullOrWhiteSpace(credential))
        {
            return PasskeyAssertionResult.Fail<PortalUser>(new PasskeyException("no credential posted"));
        }
        try
        {
            return await signInManager.PerformPasskeyAssertionAsync(credential);
        }
        catch (InvalidOperationException)
        {
            // No ceremony under way in this browser: its challenge expired, was used, or never existed.
            return PasskeyAssertionResult.Fail<PortalUser>(new PasskeyException("no passkey sign-in under way in this browser"));
        }
    }
}
