using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.Settings;

/// <summary>
/// The one way settings reach the database: validate, apply, save, invalidate the cache, audit each changed
/// setting. On any validation error nothing is saved.
/// </summary>
internal sealed class SettingsWriter(
    PortalDbContext db,
    AdvancedSettingsCache cache,
    SettingsSecretProtector protector,
    AuditLog audit,
    TimeProvider time,
    IEnumerable<ISettingsChangeListener> listeners)
{
    private readonly SettingsChangeDescriber describer = new(protector);

    /// <param name="auditEvent">The audit event name; every changed setting is one entry with it.</param>
    public async Task<SettingsResult> WriteAsync(ISettingsSection section, SettingsActor actor, string auditEvent, CancellationToken ct)
    {
        var row = await db.Set<AdvancedSettingsRow>().FirstOrDefaultAsync(s => s.Id == AdvancedSettingsRow.SingletonId, ct);
        try
        {
            return await WriteAsync(row, section, actor, auditEvent, ct);
        }
        finally
        {
            // The context may live as long as a Blazor circuit; never let it serve a stale tracked row next time.
            if (row is not null)
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    private async Task<SettingsResult> WriteAsync(AdvancedSettingsRow? stored, ISettingsSection section, SettingsActor actor, string auditEvent, CancellationToken ct)
    {
        var isNew = stored is null;
        var row = stored ?? new AdvancedSettingsRow();

        var errors = section.Validate(row);
        if (errors.Count > 0)
        {
            return SettingsResult.Invalid(errors);
        }

        var before = row.Copy();
        section.ApplyTo(row, protector);
        var changes = describer.Changes(before, row);
        if (changes.Count == 0 && !isNew)
        {
            return SettingsResult.Success;
        }

        row.UpdatedAt = time.GetUtcNow();
        row.UpdatedBy = actor.Email ?? actor.UserId;
        var entry = isNew ? db.Add(row) : db.Entry(row);
        await db.SaveChangesAsync(ct);
        entry.State = EntityState.Detached;
        cache.Invalidate();
        foreach (var listener in listeners)
        {
            await listener.OnSavedAsync(before, row, ct);
        }

        foreach (var change in changes)
        {
            await audit.WriteAsync(new AuditEntry(auditEvent, AuditOutcome.Success)
            {
                ActorId = actor.UserId,
                ActorEmail = actor.Email,
                IpAddress = actor.IpAddress,
                Detail = change,
            }, ct);
        }
        return SettingsResult.Success;
    }
}
