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
    TimeProvider time)
{
    private readonly SettingsChangeDescriber describer = new(protector);

    /// <param name="auditEvent">The audit event name; every changed setting is one entry with it.</param>
    public async Task<SettingsResult> WriteAsync(ISettingsSection section, SettingsActor actor, string auditEvent, CancellationToken ct)
    {
        var row = await db.Set<AdvancedSettingsRow>().FirstOrDefaultAsync(s => s.Id == AdvancedSettingsRow.SingletonId, ct);
        var isNew = row is null;
        row ??= new AdvancedSettingsRow();

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
        if (isNew)
        {
            db.Add(row);
        }
        await db.SaveChangesAsync(ct);
        cache.Invalidate();

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
