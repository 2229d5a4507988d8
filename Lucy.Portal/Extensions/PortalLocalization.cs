using Lucy.Portal.Components.Layout;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Localization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;

namespace Lucy.Portal.Extensions;

/// <summary>Resource-file localization and the request culture: the culture cookie first, then Accept-Language.</summary>
public static class PortalLocalization
{
    public static IServiceCollection AddPortalLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = PortalCultures.Supported.ToArray();
            options.SetDefaultCulture(PortalCultures.Default)
                .AddSupportedCultures(cultures)
                .AddSupportedUICultures(cultures);
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            // No query-string provider: a link must not switch a user's language behind their back.
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });

        // MudBlazor's own texts (pager, stepper, "Required") from the portal's resource files.
        services.Replace(ServiceDescriptor.Transient<MudLocalizer, PortalMudLocalizer>());

        // Every sign-in (password alone, remembered device, the second factor, a passkey) ends with the session cookie:
        // the language the user saved then becomes this browser's language.
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, cookie =>
        {
            var signedIn = cookie.Events.OnSignedIn;
            cookie.Events.OnSignedIn = async context =>
            {
                await signedIn(context);
                await ApplySavedLanguageAsync(context);
            };
        });
        return services;
    }

    private static async Task ApplySavedLanguageAsync(CookieSignedInContext context)
    {
        var services = context.HttpContext.RequestServices;
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        // Picked on the login page just before signing in: that choice is the user's newest, so it goes on the profile
        // (the culture cookie has it already) instead of the saved one replacing it.
        if (LanguagePickedBeforeSignIn.Read(context.HttpContext) is { } picked && context.Principal is { } signedIn
            && users.GetUserId(signedIn) is { } userId)
        {
            LanguagePickedBeforeSignIn.Delete(context.HttpContext);
            // One column, written in SQL, as the picker does for a signed-in user.
            await services.GetRequiredService<PortalDbContext>().Users.Where(u => u.Id == userId && u.PreferredLanguage != picked)
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.PreferredLanguage, picked));
            return;
        }
        if (context.Principal is { } principal && await users.GetUserAsync(principal) is { PreferredLanguage: { } saved }
            && PortalCultures.Supported.Contains(saved, StringComparer.Ordinal))
        {
            CultureCookie.Write(context.HttpContext, saved, services.GetRequiredService<TimeProvider>().GetUtcNow());
        }
    }
}

/// <summary>The culture cookie (CookieRequestCultureProvider's name and format) that keeps a browser's language.</summary>
public static class CultureCookie
{
    public static string Name => CookieRequestCultureProvider.DefaultCookieName;

    public static TimeSpan Lifetime { get; } = TimeSpan.FromDays(365);

    /// <summary>Sets the language for a year; readable by the server only, sent on top-level navigation from other sites.</summary>
    public static void Write(HttpContext context, string language, DateTimeOffset now) =>
        context.Response.Cookies.Append(Name, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)), new CookieOptions
        {
            Path = "/",
            Expires = now + Lifetime,
            MaxAge = Lifetime,
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            IsEssential = true,
        });
}

/// <summary>
/// Marks, for this browser session, a language picked before signing in (on the login page), so the sign-in saves it
/// on the profile instead of replacing it with the language saved there (docs/languages.md).
/// </summary>
public static class LanguagePickedBeforeSignIn
{
    public const string Name = "Lucy.LanguagePicked";

    public static void Write(HttpContext context, string language) =>
        context.Response.Cookies.Append(Name, language, new CookieOptions
        {
            Path = "/",
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            IsEssential = true,
        });

    /// <summary>The language marked, when it is one the portal offers.</summary>
    public static string? Read(HttpContext context) =>
        context.Request.Cookies[Name] is { } language && PortalCultures.Supported.Contains(language, StringComparer.Ordinal) ? language : null;

    public static void Delete(HttpContext context) => context.Response.Cookies.Delete(Name, new CookieOptions { Path = "/" });
}
