using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Core.Administration;

/// <summary>Registration of user administration, the session list and the audit log search and retention.</summary>
public static class AdministrationServiceExtensions
{
    public static IServiceCollection AddUserAdministration(this IServiceCollection services)
    {
        services.AddScoped<UserList>();
        services.AddScoped<TwoFactorReset>();
        services.AddScoped<UserSessionEnd>();
        services.AddScoped<RememberedDevices>();
        services.AddScoped<OwnSessions>();
        services.AddScoped<AuditLogSearch>();
        services.AddScoped<AuditRetention>();
        services.AddHostedService<AuditRetentionJob>();
        return services;
    }
}
