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
        // The unused count is kept on the user row (UserFactorCounters): a short range of the (TwoFactorEnabled,
        // UnusedRecoveryCodes, Id) index instead of a probe of the codes per user with 2FA.
        var low = db.Users.AsNoTracking()
            .Where(u => u.TwoFactorEnabled && EF.Property<int>(u, UserFactorCounters.UnusedRecoveryCodes) <= Threshold);
        var count = await low.CountAsync(ct);
        if (count == 0)
        {
            return [];
        }
        // The first few in id order come off the same index; only their emails are then read from the user rows.
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
