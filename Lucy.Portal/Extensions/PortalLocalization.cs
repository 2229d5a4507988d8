using Lucy.Portal.Core.Localization;
using Microsoft.AspNetCore.Localization;

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
        return services;
    }
}
