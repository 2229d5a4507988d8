using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Settings;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.Auditing;

/// <summary>
/// Deletes audit rows older than the retention period of Advanced Settings, in small batches so a large backlog never
/// holds a long lock on the table other requests write to. Every purge that deleted something is itself audited.
/// </summary>
public sealed class AuditRetention(PortalDbContext db, AdvancedSettingsCache settings, AuditLog audit, TimeProvider time)
{
    public const int BatchSize = 1000;

    /// <returns>How many rows were deleted.</returns>
    public async Task<int> ApplyAsync(CancellationToken ct = default)
    {
        var days = (await settings.GetAsync(ct)).AuditRetentionDays;
        if (days < SettingsDefaults.AuditRetentionDaysMin)
        {
            // A row from before the setting existed (0): never read it as "keep nothing".
            days = SettingsDefaults.AuditRetentionDays;
        }
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(days);
        var deleted = 0;
        while (true)
        {
            var batch = await db.AuditEvents
                .Where(e => db.AuditEvents.Where(old => old.OccurredAt < cutoff).OrderBy(old => old.Id).Take(BatchSize)
                    .Select(old => old.Id).Contains(e.Id))
                .ExecuteDeleteAsync(ct);
            deleted += batch;
            if (batch < BatchSize)
            {
                break;
            }
        }
        if (deleted > 0)
        {
            await audit.WriteAsync(new AuditEntry(AuditEvents.AuditRetentionApplied, AuditOutcome.Success)
            {
                Detail = $"{deleted} rows older than {days} days deleted",
            }, ct);
        }
        return deleted;
    }
}
