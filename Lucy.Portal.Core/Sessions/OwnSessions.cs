using Lucy.Portal.Core.Auditing;

namespace Lucy.Portal.Core.Sessions;

/// <summary>
/// The Account page's session list: a user sees their open sessions and remembered devices and ends any of them
/// (OWASP ASVS 5.0 7.4.3, 7.5.2). Ending a session takes effect at that browser's next request and, for a live page,
/// at its next revalidation (Sessions:CircuitRevalidationSeconds).
/// </summary>
public sealed class OwnSessions(UserSessions sessions, RememberedDevices devices, AuditLog audit)
{
    public async Task<SessionOverview> ListAsync(string userId, string? currentSessionId, CancellationToken ct = default)
    {
        var current = Guid.TryParse(currentSessionId, out var id) ? id : Guid.Empty;
        var open = await sessions.ListOpenAsync(userId, ct);
        var remembered = await devices.ListAsync(userId, ct);
        return new SessionOverview(
            open.Select(s => new SessionListing(s.Id, BrowserDescription.Describe(s.UserAgent), s.IpAddress, s.CreatedAt, s.LastSeenAt, s.Id == current))
                .OrderByDescending(s => s.IsCurrent).ToList(),
            remembered.Select(d => new RememberedDeviceListing(d.Id, BrowserDescription.Describe(d.UserAgent), d.IpAddress, d.CreatedAt,
                d.LastUsedAt, d.ExpiresAt)).ToList());
    }

    /// <summary>Ends one of the user's sessions (not the current one: that is Log out). False when there is no such open session of theirs.</summary>
    public async Task<bool> EndAsync(string userId, Guid sessionId, string? currentSessionId, CancellationToken ct = default)
    {
        if (Guid.TryParse(currentSessionId, out var current) && current == sessionId)
        {
            return false;
        }
        var ended = await sessions.EndOwnAsync(userId, sessionId, SessionEndReasons.EndedByUser, ct);
        if (ended)
        {
            await audit.WriteAsync(new AuditEntry(AuditEvents.SessionEnded, AuditOutcome.Success)
            {
                ActorId = userId,
                SubjectId = userId,
                Detail = $"session {ShortId(sessionId)}",
            }, ct);
        }
        return ended;
    }

    /// <summary>Ends every session of the user but the current one; returns how many ended.</summary>
    public async Task<int> EndOthersAsync(string userId, string? currentSessionId, CancellationToken ct = default)
    {
        if (!Guid.TryParse(currentSessionId, out var current))
        {
            return 0;
        }
        var ended = await sessions.EndOthersAsync(userId, current, SessionEndReasons.EndedByUser, ct);
        await audit.WriteAsync(new AuditEntry(AuditEvents.OtherSessionsEnded, AuditOutcome.Success)
        {
            ActorId = userId,
            SubjectId = userId,
            Detail = ended == 1 ? "1 session ended" : $"{ended} sessions ended",
        }, ct);
        return ended;
    }

    /// <summary>Forgets one remembered device: its next login asks for the second factor again.</summary>
    public async Task<bool> ForgetDeviceAsync(string userId, Guid deviceId, CancellationToken ct = default)
    {
        var forgotten = await devices.ForgetAsync(userId, deviceId, ct);
        if (forgotten)
        {
            await audit.WriteAsync(new AuditEntry(AuditEvents.RememberedDeviceForgotten, AuditOutcome.Success)
            {
                ActorId = userId,
                SubjectId = userId,
                Detail = $"device {ShortId(deviceId)}",
            }, ct);
        }
        return forgotten;
    }

    // Enough to tell rows apart in the audit log; the full id is a bearer-like handle and stays out of it.
    private static string ShortId(Guid id) => id.ToString("N")[..8];
}

/// <summary>What the Account page lists: open sessions (the current one first) and remembered devices.</summary>
public sealed record SessionOverview(IReadOnlyList<SessionListing> Sessions, IReadOnlyList<RememberedDeviceListing> Devices);

public sealed record SessionListing(Guid Id, string Browser, string? IpAddress, DateTimeOffset StartedAt, DateTimeOffset LastSeenAt, bool IsCurrent);

public sealed record RememberedDeviceListing(Guid Id, string Browser, string? IpAddress, DateTimeOffset RememberedAt,
    DateTimeOffset? LastUsedAt, DateTimeOffset ExpiresAt);
