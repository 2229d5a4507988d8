using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.EntityFrameworkCore;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Dashboard;

/// <summary>
/// Users with 2FA on and at most <see cref="Threshold"/> unused recovery codes: one lost phone from being locked out
/// of their own account. Only the user can make new codes (Account page), so the link names them.
/// </summary>
public sealed class LowRecoveryCodesAttention(PortalDbContext db) : IAttentionSource
{
    public const int Threshold = 2;

    public async Task<IReadOnlyList<AttentionItem>> ReadAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var codes = db.Set<RecoveryCode>();
        // "Has no third unused code" is one short index probe per user on (UserId, UsedAt), not a count of all codes.
        var low = db.Users.AsNoTracking()
            .Where(u => u.TwoFactorEnabled
                && !codes.Where(c => c.UserId == u.Id && c.UsedAt == null).OrderBy(c => c.UserId).Skip(Threshold).Any());
        var count = await low.CountAsync(ct);
        if (count == 0)
        {
            return [];
        }
        // The first few in id order come straight off the (TwoFactorEnabled, Id, ...) index and stop the walk early;
        // only their emails are then read from the user rows.
        var firstIds = await low.OrderBy(u => u.Id).Select(u => u.Id).Take(AttentionList.NamedAccounts).ToListAsync(ct);
        var named = (await db.Users.AsNoTracking().Where(u => firstIds.Contains(u.Id))
                .Select(u => new NamedAccount(u.Id, u.Email ?? "")).ToListAsync(ct))
            .OrderBy(a => a.Email, StringComparer.OrdinalIgnoreCase).ToList();
        return
        [
            new AttentionItem("recovery-codes", AttentionSeverity.Info,
                count == 1 ? DashboardStrings.RecoveryCodes_One(Threshold) : DashboardStrings.RecoveryCodes_Many(count, Threshold),
                UsersPageLinks.Users, DashboardStrings.RecoveryCodes_Action)
            {
                Count = count,
                Accounts = named,
            },
        ];
    }
}
