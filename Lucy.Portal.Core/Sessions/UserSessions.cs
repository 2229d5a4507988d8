using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Settings;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.Sessions;

/// <summary>
/// The server-side record of each sign-in: started when the session cookie is issued, checked on every request and
/// by every live circuit, ended by logout, log out everywhere, the absolute lifetime or the idle timeout
/// (Advanced Settings; NIST SP 800-63B-4 §2.2.3).
/// </summary>
public sealed class UserSessions(PortalDbContext db, AdvancedSettingsCache settings, AuditLog audit, TimeProvider time)
{
    /// <summary>Last-seen is written at most this often, so a busy session costs one read per request, not a write.</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    // Ended rows are kept a while for the record, then dropped at the user's next sign-in.
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public async Task<Guid> StartAsync(string userId, string? userAgent, string? ipAddress, bool secondFactorProven = false, CancellationToken ct = default) =>
        await StartAsync(userId, securityStamp: null, userAgent, ipAddress, secondFactorProven, ct);

    /// <param name="securityStamp">The stamp the session's cookie carries, so the session list can leave out sessions a stamp change ended.</param>
    /// <param name="secondFactorProven">The sign-in just checked the account's strongest proof (its second factor, or the password of an account without 2FA): it counts as a step-up.</param>
    public async Task<Guid> StartAsync(string userId, string? securityStamp, string? userAgent, string? ipAddress, bool secondFactorProven = false, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var cutoff = now - Retention;
        await db.Set<UserSession>().Where(s => s.UserId == userId && s.CreatedAt < cutoff).ExecuteDeleteAsync(ct);

        var session = new UserSession
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            UserAgent = userAgent is { Length: > UserSessionConfiguration.UserAgentMaxLength }
                ? userAgent[..UserSessionConfiguration.UserAgentMaxLength]
                : userAgent,
            IpAddress = ipAddress,
            StepUpVerifiedAt = secondFactorProven ? now : null,
            SecurityStamp = securityStamp,
        };
        db.Add(session);
        await db.SaveChangesAsync(ct);
        db.Entry(session).State = EntityState.Detached;
        return session.Id;
    }

    /// <summary>
    /// Whether the session may still be used, and records <paramref name="activity"/> as its last-seen time. A session
    /// past its absolute lifetime or idle too long is ended here (and audited). Without activity (a live page nobody
    /// touched) the session is only checked.
    /// </summary>
    public async Task<SessionStatus> CheckAsync(string? sessionId, string userId, SessionActivity? activity, CancellationToken ct = default)
    {
        if (!Guid.TryParse(sessionId, out var id))
        {
            return SessionStatus.Unknown;
        }
        var session = await db.Set<UserSession>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (session is null || session.UserId != userId)
        {
            return SessionStatus.Unknown;
        }
        if (session.EndedAt is not null)
        {
            return SessionStatus.Ended;
        }

        var lifetime = await settings.GetAsync(ct);
        var now = time.GetUtcNow();
        if (now >= session.CreatedAt + lifetime.SessionAbsoluteLifetime)
        {
            await ExpireAsync(session, SessionEndReasons.AbsoluteLifetime, ct);
            return SessionStatus.AbsoluteLifetimeReached;
        }
        var idleUntil = activity?.First ?? now;
        if (idleUntil - session.LastSeenAt > lifetime.SessionIdleTimeout)
        {
            await ExpireAsync(session, SessionEndReasons.IdleTimeout, ct);
            return SessionStatus.IdleTimeout;
        }

        if (activity is not null && activity.Last - session.LastSeenAt >= LastSeenResolution)
        {
            await db.Set<UserSession>().Where(s => s.Id == id && s.LastSeenAt < activity.Last)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, activity.Last), ct);
        }
        return SessionStatus.Active;
    }

    /// <summary>Ends one session (logout); a missing or already ended one is left as it is.</summary>
    public async Task EndAsync(string? sessionId, string reason, CancellationToken ct = default)
    {
        if (Guid.TryParse(sessionId, out var id))
        {
            var now = time.GetUtcNow();
            await db.Set<UserSession>().Where(s => s.Id == id && s.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, reason), ct);
        }
    }

    /// <summary>Ends every session of the user; returns how many were still open.</summary>
    public async Task<int> EndAllAsync(string userId, string reason, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        return await db.Set<UserSession>().Where(s => s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, reason), ct);
    }

    /// <summary>A new cookie with a new stamp for the same session (after a password or phone change): the session keeps going.</summary>
    public async Task AdoptStampAsync(string? sessionId, string? securityStamp, CancellationToken ct = default)
    {
        if (Guid.TryParse(sessionId, out var id))
        {
            await db.Set<UserSession>().Where(s => s.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.SecurityStamp, securityStamp), ct);
        }
    }

    /// <summary>
    /// The user's sessions that can still be used: not ended, within the lifetimes, carrying the current security
    /// stamp. Newest activity first.
    /// </summary>
    public async Task<IReadOnlyList<UserSession>> ListOpenAsync(string userId, CancellationToken ct = default)
    {
        var lifetime = await settings.GetAsync(ct);
        var now = time.GetUtcNow();
        var createdAfter = now - lifetime.SessionAbsoluteLifetime;
        var seenAfter = now - lifetime.SessionIdleTimeout;
        var stamp = await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync(ct);
        return await db.Set<UserSession>().AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAt == null && (s.SecurityStamp == null || s.SecurityStamp == stamp)
                && s.CreatedAt > createdAfter && s.LastSeenAt > seenAfter)
            .OrderByDescending(s => s.LastSeenAt).ThenByDescending(s => s.CreatedAt)
            .ToListAsync(ct);
    }

    /// <summary>Ends one open session of the user; false when it is not theirs or already over.</summary>
    public async Task<bool> EndOwnAsync(string userId, Guid sessionId, string reason, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        return await db.Set<UserSession>().Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, reason), ct) > 0;
    }

    /// <summary>Ends every open session of the user except <paramref name="keep"/>; returns how many ended.</summary>
    public async Task<int> EndOthersAsync(string userId, Guid keep, string reason, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        return await db.Set<UserSession>().Where(s => s.UserId == userId && s.Id != keep && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, reason), ct);
    }

    private async Task ExpireAsync(UserSession session, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var ended = await db.Set<UserSession>().Where(s => s.Id == session.Id && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, reason), ct);
        if (ended > 0)
        {
            await audit.WriteAsync(new AuditEntry(AuditEvents.SessionExpired, AuditOutcome.Success)
            {
                ActorId = session.UserId,
                IpAddress = session.IpAddress,
                Detail = reason,
            }, ct);
        }
    }
}
