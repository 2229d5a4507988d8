using Lucy.Portal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Dashboard;

/// <summary>Accounts locked right now (an expired lockout is not one); unlocked on the Users page.</summary>
public sealed class LockedAccountsAttention(PortalDbContext db) : IAttentionSource
{
    public async Task<IReadOnlyList<AttentionItem>> ReadAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var locked = db.Users.AsNoTracking().Where(u => u.LockoutEnd != null && u.LockoutEnd > now);
        var count = await locked.CountAsync(ct);
        if (count == 0)
        {
            return [];
        }
        var named = await locked.OrderBy(u => u.Email).Take(AttentionList.NamedAccounts)
            .Select(u => new NamedAccount(u.Id, u.Email ?? "")).ToListAsync(ct);
        return
        [
            new AttentionItem("locked", AttentionSeverity.Warning,
                count == 1 ? DashboardStrings.Locked_One : DashboardStrings.Locked_Many(count), UsersPageLinks.Users, DashboardStrings.Locked_Action)
            {
                Count = count,
                Accounts = named,
            },
        ];
    }
}
