using Lucy.Portal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lucy.Portal.Core.Auditing;

/// <summary>
/// Writes security events to the database and to the log. Every row names the actor by email and carries the client's
/// address: a writer that knows only the actor's id gets the email looked up, and one that does not pass an address
/// gets the one of the current request or circuit (<see cref="AuditClient"/>).
/// </summary>
public sealed class AuditLog(IServiceScopeFactory scopes, TimeProvider time, ILogger<AuditLog> logger)
{
    public async Task WriteAsync(AuditEntry entry, CancellationToken ct = default)
    {
        // A scope of its own, so an audit write never saves half-done changes of the caller's context.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var ipAddress = entry.IpAddress ?? AuditClient.IpAddress;
        var actorEmail = entry.ActorEmail ?? (entry.ActorId is null
            ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == entry.ActorId).Select(u => u.Email).FirstOrDefaultAsync(ct));
        db.AuditEvents.Add(new AuditEvent
        {
            OccurredAt = time.GetUtcNow(),
            Event = entry.Event,
            Outcome = entry.Outcome,
            ActorId = entry.ActorId,
            ActorEmail = actorEmail,
            SubjectId = entry.SubjectId,
            IpAddress = ipAddress,
            // Some details carry text a browser sent (a passkey's refusal names the origin it claimed): an over-long one
            // must not make the security event itself fail to save.
            Detail = entry.Detail is { Length: > AuditEvent.MaxDetailLength } detail ? detail[..AuditEvent.MaxDetailLength] : entry.Detail,
        });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Audit {Event} {Outcome} actor={ActorId} subject={SubjectId} ip={IpAddress}",
            entry.Event, entry.Outcome, entry.ActorId, entry.SubjectId, ipAddress);
    }

    public async Task<IReadOnlyList<AuditEvent>> RecentAsync(int count, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id).Take(count).ToListAsync(ct);
    }
}
