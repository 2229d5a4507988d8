using Lucy.Portal.Core.Outbound;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lucy.Portal.Core.Dashboard;

/// <summary>
/// /health's "provider" entry: Degraded (still HTTP 200) while the breaker is not closed or the provider lacks its
/// credentials, since the portal itself still serves pages and recovery codes; never calls the provider.
/// </summary>
public sealed class ProviderHealthCheck(ProviderHealth health) : IHealthCheck
{
    public const string Name = "provider";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = await health.ReadAsync(cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["name"] = report.Provider.ToString(),
            ["configured"] = report.Configured,
            ["breaker"] = report.BreakerName,
            ["lastError"] = report.LastFailure?.Description ?? "",
            ["lastErrorAt"] = report.LastFailure?.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        };
        return report.Configured && report.Breaker == OutboundBreakerState.Closed
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Degraded(report.Configured ? "The provider's circuit breaker is not closed." : "The provider is not configured.", data: data);
    }
}
