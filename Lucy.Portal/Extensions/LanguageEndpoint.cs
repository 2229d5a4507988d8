using System.Security.Claims;
using Lucy.Portal.Components.Account;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Localization;
using Lucy.Portal.Resources;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lucy.Portal.Extensions;

/// <summary>
/// Where the language picker posts (docs/languages.md): the culture cookie is set, a signed-in user's choice is saved on
/// the profile, and the browser goes back to the page it came from with a full load, so a live page takes the language.
/// </summary>
public static class LanguageEndpoint
{
    public const string Path = "/language";

    public static IEndpointConventionBuilder MapLanguageEndpoint(this IEndpointRouteBuilder endpoints) =>
        // The endpoint binds no form, so the antiforgery middleware would let it through: the token is checked here, and a
        // post from another site changes nobody's language.
        endpoints.MapPost(Path, async Task<Results<RedirectHttpResult, ContentHttpResult>> (
            HttpContext context,
            ClaimsPrincipal principal,
            [FromServices] IAntiforgery antiforgery,
            [FromServices] UserManager<PortalUser> users,
            [FromServices] PortalDbContext db,
            [FromServices] TimeProvider time,
            [FromServices] IStringLocalizer<LayoutText> text) =>
        {
            if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
            {
                return Refused(text["Language_StalePage"]);
            }
            var form = await context.Request.ReadFormAsync();
            var language = form["culture"].ToString();
            if (!PortalCultures.Supported.Contains(language, StringComparer.Ordinal))
            {
                return Refused(text["Language_Unsupported"]);
            }

            CultureCookie.Write(context, language, time.GetUtcNow());
            // One column, written in SQL: UpdateAsync would write back the whole row as read a moment ago, over failure
            // counts that sign-in attempts in other tabs change with their own UPDATEs.
            if (principal.Identity?.IsAuthenticated == true && users.GetUserId(principal) is { } userId)
            {
                await db.Users.Where(u => u.Id == userId && u.PreferredLanguage != language)
                    .ExecuteUpdateAsync(set => set.SetProperty(u => u.PreferredLanguage, language));
            }
            else
            {
                // Saved on the profile of whoever signs in next in this browser session (PortalLocalization).
                LanguagePickedBeforeSignIn.Write(context, language);
            }
            // Only a path on this site: anything else (another host, "//host", "/\host") goes home.
            return TypedResults.LocalRedirect("~/" + IdentityRedirectManager.LocalOrHome(form["returnUrl"]).TrimStart('/'));
        }).AllowAnonymous().DisableAntiforgery();

    private static ContentHttpResult Refused(string message) =>
        TypedResults.Text(message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
}
