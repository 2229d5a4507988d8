using Lucy.Portal.Core.Outbound;
using Lucy.Portal.Core.Settings;

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
        var lastFailure = report.LastFailure is { } failure ? $"Last error: {failure.Description} at {format.Format(failure.At)}." : null;
        if (!report.Configured)
        {
            return [Item(AttentionSeverity.Error, $"{report.ProviderName} is selected but its credentials are missing", null)];
        }
        if (report.Breaker != OutboundBreakerState.Closed)
        {
            return [Item(AttentionSeverity.Error,
                $"{report.ProviderName} is failing: its circuit breaker is {report.BreakerName}", lastFailure)];
        }
        if (report.LastFailure is { } recent && now - recent.At < RecentFailure)
        {
            return [Item(AttentionSeverity.Warning, $"{report.ProviderName} failed recently", lastFailure)];
        }
        return [];

        static AttentionItem Item(AttentionSeverity severity, string title, string? detail) =>
            new("provider", severity, title, UsersPageLinks.AdvancedSettings, "Check in Advanced Settings") { Detail = detail };
    }
}
