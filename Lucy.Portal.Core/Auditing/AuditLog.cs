using Lucy.Portal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lucy.Portal.Core.Auditing;

/// <summary>Writes security events to the database and to the log.</summary>
public sealed class AuditLog(IServiceScopeFactory scopes, TimeProvider time, ILogger<AuditLog> logger)
{
    public async Task WriteAsync(AuditEntry entry, CancellationToken ct = default)
    {
        // A scope of its own, so an audit write never saves half-done changes of the caller's context.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.AuditEvents.Add(new AuditEvent
        {
            OccurredAt = time.GetUtcNow(),
            Event = entry.Event,
            Outcome = entry.Outcome,
            ActorId = entry.ActorId,
            ActorEmail = entry.ActorEmail,
            SubjectId = entry.SubjectId,
            IpAddress = entry.IpAddress,
            Detail = entry.Detail,
        });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Audit {Event} {Outcome} actor={ActorId} subject={SubjectId} ip={IpAddress}",
            entry.Event, entry.Outcome, entry.ActorId, entry.SubjectId, entry.IpAddress);
    }

    public async Task<IReadOnlyList<AuditEvent>> RecentAsync(int count, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id).Take(count).ToListAsync(ct);
    }
}
