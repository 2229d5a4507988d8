using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Notifications;
using Lucy.Portal.Core.Settings;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.Accounts;

/// <summary>
/// An account's failure count and lockout, read fresh and changed only by single UPDATE statements, so that any number
/// of token-prompt tabs (each holding one DbContext for the life of the page) and instances share one exact count.
/// Identity's semantics stay: MaxFailedAccessAttempts failures lock for the configured time and restart the count;
/// <see cref="PortalUserManager.MaxConsecutiveFailures"/> failures in a row lock until an administrator unlocks.
/// </summary>
/// <remarks>
/// A code check at the prompt is counted before it is made (<see cref="BeginAttemptAsync"/>): the UPDATE only succeeds
/// while the account is not locked and fewer attempts than allowed are pending or failed, so parallel tabs can never
/// have more guesses checked than one lockout allows. A single UPDATE reads and writes its row atomically on SQLite
/// (one writer at a time) and on SQL Server (the row is read under an update lock, a waiting UPDATE re-reads it).
/// Every write also renews the security-neutral ConcurrencyStamp, so a stale copy of the user saved elsewhere fails
/// instead of silently writing an old count over a lockout.
/// </remarks>
public sealed class AccountLockout(PortalDbContext db, AdvancedSettingsCache settings, TimeProvider time, OnceNotices notices)
{
    private DbSet<PortalUser> Users => db.Users;

    /// <summary>The user with every column as the database has it now, even when this context tracked an older copy.</summary>
    public async Task<PortalUser?> FreshUserAsync(string userId, CancellationToken ct = default)
    {
        var tracked = Users.Local.FirstOrDefault(u => u.Id == userId);
        if (tracked is null)
        {
            return await Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        }
        return await RefreshAsync(tracked, ct) ? tracked : null;
    }

    /// <summary>Brings the lockout columns (and the stamp) of this copy of the user up to date; false if the user is gone.</summary>
    public async Task<bool> RefreshAsync(PortalUser user, CancellationToken ct = default)
    {
        var entry = db.Entry(user);
        if (entry.State == EntityState.Unchanged)
        {
            // What ReloadAsync does, with a query EF compiles once: ReloadAsync builds its query anew on every call,
            // which cost about four times an ordinary read (bench/README.md, "What one statement costs").
            var stored = await Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == user.Id, ct);
            if (stored is null)
            {
                entry.State = EntityState.Detached;
                return false;
            }
            // The shadow counters (UserFactorCounters) are left as they were: EF never writes them from a tracked user.
            entry.CurrentValues.SetValues(stored);
            entry.OriginalValues.SetValues(stored);
            entry.State = EntityState.Unchanged;
            return true;
        }
        var fresh = await Users.AsNoTracking().Where(u => u.Id == user.Id)
            .Select(u => new { u.LockoutEnabled, u.LockoutEnd, u.AccessFailedCount, u.ConsecutiveFailures, u.ConcurrencyStamp })
            .SingleOrDefaultAsync(ct);
        if (fresh is null)
        {
            return false;
        }
        user.LockoutEnabled = fresh.LockoutEnabled;
        user.LockoutEnd = fresh.LockoutEnd;
        user.AccessFailedCount = fresh.AccessFailedCount;
        user.ConsecutiveFailures = fresh.ConsecutiveFailures;
        if (entry.State == EntityState.Detached)
        {
            user.ConcurrencyStamp = fresh.ConcurrencyStamp;
        }
        return true;
    }

    /// <summary>The lockout as stored now.</summary>
    public async Task<LockoutState> ReadAsync(string userId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var row = await Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.LockoutEnabled, u.LockoutEnd, u.AccessFailedCount })
            .SingleOrDefaultAsync(ct);
        var max = (await settings.GetAsync(ct)).MaxFailedAccessAttempts;
        return row is null
            ? new LockoutState(true, null, 0)
            : new LockoutState(row.LockoutEnabled && row.LockoutEnd > now, row.LockoutEnd, Math.Max(0, max - row.AccessFailedCount));
    }

    /// <summary>
    /// Counts one code check before it is made. Refused (LockedOut) when the account is locked or its allowance is used
    /// up by failed and still-pending checks; in that case any lockout that is due is set now.
    /// </summary>
    public async Task<AttemptAdmission> BeginAttemptAsync(string userId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var max = (await settings.GetAsync(ct)).MaxFailedAccessAttempts;
        var started = await Users
            .Where(u => u.Id == userId && (!u.LockoutEnabled || ((u.LockoutEnd == null || u.LockoutEnd <= now)
                && u.AccessFailedCount < max && u.ConsecutiveFailures < PortalUserManager.MaxConsecutiveFailures)))
            .ExecuteUpdateAsync(set => set
                .SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1)
                .SetProperty(u => u.ConsecutiveFailures, u => u.ConsecutiveFailures + 1)
                .SetProperty(u => u.ConcurrencyStamp, NewStamp()), ct);
        if (started == 0)
        {
            // The allowance is spent (a lowered setting, or checks still pending): that is a lockout.
            await LockIfDueAsync(userId, ct);
            await SyncTrackedAsync(userId, ct);
            await notices.AfterFailureAsync(userId, AuditClient.IpAddress, ct);
            return new AttemptAdmission(true, (await ReadAsync(userId, ct)).LockoutEnd);
        }
        await SyncTrackedAsync(userId, ct);
        // Admitted within the allowance (the count includes it), so it is checked even if a parallel failure locked the
        // account since: otherwise that race spent the user's last guess without looking at it. A correct code found
        // locked meanwhile is still refused (SucceedAttemptAsync). What is left of the allowance is read only when the
        // check fails (FailAttemptAsync): nobody asks before.
        return Admitted;
    }

    private static readonly AttemptAdmission Admitted = new(false, null);

    /// <summary>The counted check was a wrong code: the count stays, and the lockout starts if it is due.</summary>
    public async Task<LockoutState> FailAttemptAsync(string userId, CancellationToken ct = default)
    {
        await LockIfDueAsync(userId, ct);
        await SyncTrackedAsync(userId, ct);
        await notices.AfterFailureAsync(userId, AuditClient.IpAddress, ct);
        return await ReadAsync(userId, ct);
    }

    /// <summary>The counted check was not a guess (the provider was down, nothing was pending): it is taken back.</summary>
    public async Task RefundAttemptAsync(string userId, CancellationToken ct = default)
    {
        await Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount > 0 ? u.AccessFailedCount - 1 : 0)
                .SetProperty(u => u.ConsecutiveFailures, u => u.ConsecutiveFailures > 0 ? u.ConsecutiveFailures - 1 : 0)
                .SetProperty(u => u.ConcurrencyStamp, NewStamp()), ct);
        await SyncTrackedAsync(userId, ct);
    }

    /// <summary>The counted check succeeded: every count restarts, unless a parallel failure locked the account meanwhile.</summary>
    public async Task<bool> SucceedAttemptAsync(string userId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var reset = await Users
            .Where(u => u.Id == userId && (!u.LockoutEnabled || u.LockoutEnd == null || u.LockoutEnd <= now))
            .ExecuteUpdateAsync(set => set
                .SetProperty(u => u.AccessFailedCount, 0)
                .SetProperty(u => u.ConsecutiveFailures, 0)
                .SetProperty(u => u.ConcurrencyStamp, NewStamp()), ct);
        await SyncTrackedAsync(userId, ct);
        return reset == 1;
    }

    /// <summary>
    /// One failure that was not counted in advance (the password step, a denied push): incremented, and the lockout
    /// decided, in the same statement.
    /// </summary>
    public async Task<bool> CountFailureAsync(string userId, CancellationToken ct = default)
    {
        var current = await settings.GetAsync(ct);
        var max = current.MaxFailedAccessAttempts;
        var until = time.GetUtcNow() + current.LockoutDuration;
        var counted = await Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(u => u.LockoutEnd, u => u.ConsecutiveFailures + 1 >= PortalUserManager.MaxConsecutiveFailures
                    ? DateTimeOffset.MaxValue
                    : u.AccessFailedCount + 1 >= max ? (DateTimeOffset?)until : u.LockoutEnd)
                .SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1 >= max ? 0 : u.AccessFailedCount + 1)
                .SetProperty(u => u.ConsecutiveFailures, u => u.ConsecutiveFailures + 1)
                .SetProperty(u => u.ConcurrencyStamp, NewStamp()), ct);
        await SyncTrackedAsync(userId, ct);
        // A lock that begins here is told to the user once (OnceNotices keys it by its end).
        await notices.AfterFailureAsync(userId, AuditClient.IpAddress, ct);
        return counted == 1;
    }

    /// <summary>A success outside the prompt (password without 2FA, enrollment): every count restarts.</summary>
    public async Task<bool> ResetAsync(string userId, CancellationToken ct = default)
    {
        var reset = await Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(u => u.AccessFailedCount, 0)
                .SetProperty(u => u.ConsecutiveFailures, 0)
                .SetProperty(u => u.ConcurrencyStamp, NewStamp()), ct);
        await SyncTrackedAsync(userId, ct);
        return reset == 1;
    }

    /// <summary>An administrator's unlock: ends the lockout and forgets every failure.</summary>
    public async Task<bool> UnlockAsync(string userId, CancellationToken ct = default)
    {
        var unlocked = await Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null)
                .SetProperty(u => u.AccessFailedCount, 0)
                .SetProperty(u => u.ConsecutiveFailures, 0)
                .SetProperty(u => u.ConcurrencyStamp, NewStamp()), ct);
        await SyncTrackedAsync(userId, ct);
        return unlocked == 1;
    }

    private async Task LockIfDueAsync(string userId, CancellationToken ct)
    {
        var current = await settings.GetAsync(ct);
        var max = current.MaxFailedAccessAttempts;
        var until = time.GetUtcNow() + current.LockoutDuration;
        await Users
            .Where(u => u.Id == userId && (u.ConsecutiveFailures >= PortalUserManager.MaxConsecutiveFailures || u.AccessFailedCount >= max))
            .ExecuteUpdateAsync(set => set
                .SetProperty(u => u.LockoutEnd, u => u.ConsecutiveFailures >= PortalUserManager.MaxConsecutiveFailures
                    ? DateTimeOffset.MaxValue
                    : u.LockoutEnd > until ? u.LockoutEnd : (DateTimeOffset?)until)
                .SetProperty(u => u.AccessFailedCount, 0)
                .SetProperty(u => u.ConcurrencyStamp, NewStamp()), ct);
    }

    // A copy of the user this context tracks would otherwise keep the old count and stamp.
    private async Task SyncTrackedAsync(string userId, CancellationToken ct)
    {
        if (Users.Local.FirstOrDefault(u => u.Id == userId) is { } tracked)
        {
            await RefreshAsync(tracked, ct);
        }
    }

    private static string NewStamp() => Guid.NewGuid().ToString();
}

/// <summary>An account's lockout as stored: locked or not, until when, and how many failures are left before it locks.</summary>
public sealed record LockoutState(bool LockedOut, DateTimeOffset? LockoutEnd, int AttemptsLeft);

/// <summary>Whether an attempt was counted and may be checked (<see cref="AccountLockout.BeginAttemptAsync"/>); if not, until when the account is locked.</summary>
public sealed record AttemptAdmission(bool LockedOut, DateTimeOffset? LockoutEnd);
