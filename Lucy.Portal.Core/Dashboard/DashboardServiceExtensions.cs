using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lucy.Portal.Core.Dashboard;

/// <summary>Registration of the home pages' figures, the attention sources and the provider's health check.</summary>
public static class DashboardServiceExtensions
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<TwoFactorCoverage>();
        services.AddScoped<SignInActivity>();
        services.AddScoped<OwnSecuritySummary>();
        services.AddScoped<AttentionList>();
        services.AddSingleton<ProviderHealth>();
        services.AddSingleton<AdministratorDashboard>();
        services.AddAttentionSource<LockedAccountsAttention>();
        services.AddAttentionSource<LowRecoveryCodesAttention>();
        services.AddAttentionSource<ProviderHealthAttention>();
        services.AddAttentionSource<TwoFactorDeadlineAttention>();
        services.AddHealthChecks().AddCheck<ProviderHealthCheck>(ProviderHealthCheck.Name);
        return services;
    }

    /// <summary>Adds a kind of item to the administrators' attention list (scoped: it may use the DbContext).</summary>
    public static IServiceCollection AddAttentionSource<TSource>(this IServiceCollection services)
        where TSource : class, IAttentionSource
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IAttentionSource, TSource>());
        return services;
    }
}
