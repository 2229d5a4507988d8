using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Core.Policy.Enforcement;

/// <summary>Registration of the 2FA policy: enforcement, impact counts, clock upkeep and step-up.</summary>
public static class TwoFactorPolicyServiceExtensions
{
    public static IServiceCollection AddTwoFactorPolicy(this IServiceCollection services)
    {
        services.AddScoped<UserFactorFactsQuery>();
        services.AddScoped<TwoFactorEnforcement>();
        services.AddScoped<TwoFactorPolicyImpact>();
        services.AddScoped<TwoFactorObligationQuery>();
        services.AddScoped<ISettingsChangeListener, TwoFactorClockSync>();
        services.AddScoped<StepUpVerification>();
        services.AddScoped<StrandedFactorRetirement>();
        services.AddScoped<IPortalClaimsSource, TwoFactorOverdueClaim>();
        return services;
    }
}
