using Lucy.Portal.Core.Outbound;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Dashboard;

/// <summary>
/// The provider on the attention list when it is not configured, its breaker is open, or a call failed within
/// <see cref="RecentFailure"/>; each is fixed (or checked) in Advanced Settings.
/// </summary>
public sealed class ProviderHealthAttention(ProviderHealth health, DateDisplay dates) : IAttentionSource
{
    public static readonly TimeSpan RecentFailure = TimeSpan.FromHours(24);

    public async Task<IReadOnlyList<AttentionItem>> ReadAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var report = await health.ReadAsync(ct);
        if (!report.SendsOutside)
        {
            return [];
        }
        var format = await dates.GetFormatAsync(ct);
        var lastFailure = report.LastFailure is { } failure ? DashboardStrings.Provider_LastError(failure.Description, format.Format(failure.At)) : null;
        if (!report.Configured)
        {
            return [Item(AttentionSeverity.Error, DashboardStrings.Provider_CredentialsMissing(report.ProviderName), null)];
        }
        if (report.Breaker != OutboundBreakerState.Closed)
        {
            return [Item(AttentionSeverity.Error,
                DashboardStrings.Provider_Failing(report.ProviderName, report.BreakerName), lastFailure)];
        }
        if (report.LastFailure is { } recent && now - recent.At < RecentFailure)
        {
            return [Item(AttentionSeverity.Warning, DashboardStrings.Provider_FailedRecently(report.ProviderName), lastFailure)];
        }
        return [];

        static AttentionItem Item(AttentionSeverity severity, string title, string? detail) =>
            new("provider", severity, title, UsersPageLinks.AdvancedSettings, DashboardStrings.Provider_Action) { Detail = detail };
    }
}
