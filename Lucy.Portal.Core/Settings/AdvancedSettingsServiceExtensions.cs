using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.TwilioVerify;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Core.Settings;

/// <summary>Registration of the advanced settings, their secret protection and the sources other parts read.</summary>
public static class AdvancedSettingsServiceExtensions
{
    /// <summary>Needs Data Protection, the PortalDbContext, AuditLog and a TimeProvider registered (AddLucyCore does).</summary>
    public static IServiceCollection AddAdvancedSettings(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddOptions<SharedEvaluationKeyOptions>().BindConfiguration(SharedEvaluationKeyOptions.Section);

        services.AddSingleton<SettingsSecretProtector>();
        services.AddSingleton<AdvancedSettingsCache>();
        services.AddSingleton<IAuthyApiKeySource, SettingsAuthyApiKeySource>();
        services.AddSingleton<IOutboundProxySource, SettingsOutboundProxySource>();
        services.AddSingleton<ITwilioVerifyCredentialSource, SettingsTwilioVerifyCredentialSource>();
        services.AddSingleton<DateDisplay>();

        services.AddScoped<SettingsWriter>();
        services.AddScoped(sp => new AdvancedSettingsService(
            sp.GetRequiredService<AdvancedSettingsCache>(), sp.GetRequiredService<SettingsWriter>()));
        // IAuthyKeyCheck comes from the Authy client; until it is registered, keys are refused as "cannot check".
        services.AddScoped(sp => new AuthyKeySettings(
            sp.GetRequiredService<SettingsWriter>(),
            sp.GetService<IAuthyKeyCheck>(),
            sp.GetRequiredService<IOptions<SharedEvaluationKeyOptions>>(),
            sp.GetRequiredService<AuditLog>(),
            sp.GetRequiredService<ILogger<AuthyKeySettings>>()));
        // Likewise ITwilioVerifyCredentialCheck comes from the Verify client.
        services.AddScoped(sp => new TwilioVerifySettings(
            sp.GetRequiredService<SettingsWriter>(),
            sp.GetService<ITwilioVerifyCredentialCheck>(),
            sp.GetRequiredService<AuditLog>(),
            sp.GetRequiredService<ILogger<TwilioVerifySettings>>()));

        services.AddScoped<IPasswordValidator<PortalUser>, SettingsMinimumLengthPasswordValidator>();
        return services;
    }
}
