using System.Globalization;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>
/// A user's recovery codes: generated as a set (shown once, stored hashed), each redeemable once.
/// The UI normally reaches it through <see cref="PortalUserManager"/>'s recovery code methods.
/// </summary>
public sealed class RecoveryCodeStore(PortalDbContext db, TimeProvider time, AuditLog audit, IUserNotifier notifier)
{
    public const int DefaultCount = 10;

    private DbSet<RecoveryCode> Codes => db.Set<RecoveryCode>();

    /// <summary>Replaces the user's codes with <paramref name="count"/> new ones and returns them, the only time they exist in clear.</summary>
    public async Task<IReadOnlyList<string>> ReplaceAsync(PortalUser user, int count = DefaultCount, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < count)
        {
            codes.Add(RecoveryCodeFormat.Create());
        }
        var now = time.GetUtcNow();

        var rows = codes.Select(code =>
        {
            var (salt, hash) = RecoveryCodeHasher.Hash(RecoveryCodeFormat.Normalize(code)!);
            return new RecoveryCode { UserId = user.Id, Salt = salt, Hash = hash, CreatedAt = now };
        }).ToList();

        // Old set out, new set in, as one unit: a failure must not leave the user with both sets or with none.
        // The context is shared with Identity's store in this scope, so only these rows are touched in its tracker.
        await UserFactorCounters.InTransactionAsync(db, async () =>
        {
            await Codes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(ct);
            Codes.AddRange(rows);
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
            await UserFactorCounters.RecoveryCodesSetAsync(db, user.Id, rows.Count, ct);
            return rows.Count;
        }, ct);
        foreach (var row in rows)
        {
            db.Entry(row).State = EntityState.Detached;
        }

        await audit.WriteAsync(new AuditEntry(AuditEvents.RecoveryCodesGenerated, AuditOutcome.Success)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            SubjectId = user.Id,
            Detail = string.Create(CultureInfo.InvariantCulture, $"{count} codes"),
        }, ct);
        return [.. codes];
    }

    public async Task<RecoveryCodeRedemption> RedeemAsync(PortalUser user, string input, CancellationToken ct = default)
    {
        var normalized = RecoveryCodeFormat.Normalize(input);
        if (normalized is null)
        {
            return RecoveryCodeRedemption.Refused;
        }

        var unused = await Codes.AsNoTracking()
            .Where(c => c.UserId == user.Id && c.UsedAt == null)
            .Select(c => new { c.Id, c.Salt, c.Hash })
            .ToListAsync(ct);
        var match = unused.FirstOrDefault(c => RecoveryCodeHasher.Matches(normalized, c.Salt, c.Hash));
        if (match is null)
        {
            return RecoveryCodeRedemption.Refused;
        }

        // Only the request that still finds the code unused gets to use it.
        var now = time.GetUtcNow();
        var marked = await UserFactorCounters.InTransactionAsync(db, async () =>
        {
            var used = await Codes
                .Where(c => c.Id == match.Id && c.UsedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.UsedAt, now), ct);
            if (used > 0)
            {
                await UserFactorCounters.RecoveryCodeUsedAsync(db, user.Id, ct);
            }
            return used;
        }, ct);
        if (marked == 0)
        {
            return RecoveryCodeRedemption.Refused;
        }

        await audit.WriteAsync(new AuditEntry(AuditEvents.RecoveryCodeUsed, AuditOutcome.Success)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            SubjectId = user.Id,
            Detail = string.Create(CultureInfo.InvariantCulture, $"{unused.Count - 1} codes left"),
        }, ct);
        await notifier.NotifyAsync(new UserNotice(user.Id, UserNoticeKind.RecoveryCodeUsed)
        {
            Detail = string.Create(CultureInfo.InvariantCulture, $"{unused.Count - 1} recovery codes left"),
        }, ct);
        return RecoveryCodeRedemption.Redeemed;
    }

    public Task<int> CountRemainingAsync(PortalUser user, CancellationToken ct = default) =>
        Codes.CountAsync(c => c.UserId == user.Id && c.UsedAt == null, ct);

    /// <summary>Deletes all of the user's codes, e.g. when two-factor sign-in is disabled.</summary>
    public Task<int> RemoveAllAsync(PortalUser user, CancellationToken ct = default) =>
        UserFactorCounters.InTransactionAsync(db, async () =>
        {
            var removed = await Codes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(ct);
            await UserFactorCounters.RecoveryCodesSetAsync(db, user.Id, 0, ct);
            return removed;
        }, ct);
}
