using System.Globalization;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Core.Notifications;

/// <summary>
/// The notices that follow from counted failures, each sent once per occasion:
/// <list type="bullet">
/// <item>Account locked: once when a lock begins (keyed by its end), never per refused attempt.</item>
/// <item>Someone may know your password: a replayed code, or <see cref="WrongCodeThreshold"/> wrong codes after a correct
/// password within <see cref="WrongCodeWindow"/>; at most one such notice per clock hour.</item>
/// </list>
/// </summary>
public sealed class OnceNotices(IServiceScopeFactory scopes, IUserNotifier notifier, TimeProvider time)
{
    public const int WrongCodeThreshold = 3;
    public static readonly TimeSpan WrongCodeWindow = TimeSpan.FromMinutes(15);

    /// <summary>Call after a failure was counted: notifies when the account is locked and this lock was not notified yet.</summary>
    public async Task AfterFailureAsync(string userId, string? ip, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = time.GetUtcNow();
        var lockoutEnd = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.LockoutEnabled).Select(u => u.LockoutEnd).FirstOrDefaultAsync(ct);
        if (lockoutEnd is { } end && end > now
            && await RecordAsync(db, userId, UserNoticeKind.AccountLocked, end.UtcTicks.ToString(CultureInfo.InvariantCulture), ct))
        {
            await notifier.NotifyAsync(new UserNotice(userId, UserNoticeKind.AccountLocked)
            {
                IpAddress = ip,
                Detail = end == DateTimeOffset.MaxValue ? "until an administrator unlocks it" : null,
            }, ct);
        }
    }

    /// <summary>Call after a wrong or replayed code at the prompt (the password was right), once its audit row is written.</summary>
    public async Task AfterWrongCodeAsync(string userId, bool replayed, string? ip, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = time.GetUtcNow();
        var since = now - WrongCodeWindow;
        var wrongCodes = replayed ? WrongCodeThreshold : await db.AuditEvents.AsNoTracking()
            .CountAsync(e => e.ActorId == userId && e.Event == AuditEvents.LoginSecondFactor && e.Outcome == AuditOutcome.Failure
                && e.OccurredAt > since && e.Detail != null && (e.Detail.EndsWith("wrong code") || e.Detail.EndsWith("replayed code")), ct);
        if (wrongCodes < WrongCodeThreshold)
        {
            return;
        }
        var hour = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour), TimeSpan.Zero);
        if (await RecordAsync(db, userId, UserNoticeKind.SuspiciousCodeAttempts, hour.UtcTicks.ToString(CultureInfo.InvariantCulture), ct))
        {
            await notifier.NotifyAsync(new UserNotice(userId, UserNoticeKind.SuspiciousCodeAttempts)
            {
                IpAddress = ip,
                Detail = replayed ? "an already used code was entered" : $"{wrongCodes} wrong codes within {WrongCodeWindow.TotalMinutes:0} minutes",
            }, ct);
        }
    }

    private async Task<bool> RecordAsync(PortalDbContext db, string userId, UserNoticeKind kind, string occasion, CancellationToken ct)
    {
        db.Set<NoticeLedgerEntry>().Add(new NoticeLedgerEntry { UserId = userId, Kind = kind, Occasion = occasion, RecordedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another request or instance recorded this occasion first, and notified.
            return false;
        }
    }
}
