using Lucy.Portal.Components.Layout;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Localization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
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
