using Lucy.Portal.Core.Resources;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.Dashboard;

/// <summary>How many users sign in with a second factor, by method, and which administrators still do not.</summary>
public sealed class TwoFactorCoverage(PortalDbContext db)
{
    /// <summary>How many unprotected administrators are named; the rest are counted.</summary>
    public const int NamedAdministrators = 20;

    public async Task<CoverageFigures> ReadAsync(CancellationToken ct = default)
    {
        var methods = CoverageMethods.All;
        var byMethod = await db.Users.AsNoTracking()
            .Where(u => u.TwoFactorEnabled)
            .Select(CoverageMethods.IndexOf(db, methods))
            .GroupBy(method => method)
            .Select(g => new { Method = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var total = await db.Users.CountAsync(ct);

        // The role first, then its members by the RoleId index: joining from the role name walks every user's role row.
        var normalizedName = PortalRoles.Administrator.ToUpperInvariant();
        var administratorRoleId = await db.Roles.AsNoTracking()
            .Where(r => r.NormalizedName == normalizedName)
            .Select(r => r.Id).FirstOrDefaultAsync(ct);
        var unprotectedAdministrators =
            from userRole in db.UserRoles
            join user in db.Users on userRole.UserId equals user.Id
            where userRole.RoleId == administratorRoleId && !user.TwoFactorEnabled
            select new { user.Id, user.Email };
        var administratorCount = await unprotectedAdministrators.CountAsync(ct);
        var named = await unprotectedAdministrators.OrderBy(u => u.Email).Take(NamedAdministrators).ToListAsync(ct);

        var split = methods.Select((m, i) => new MethodCount(m.Name, m.Label(), byMethod.Where(r => r.Method == i).Sum(r => r.Count))).ToList();
        if (byMethod.Where(r => r.Method < 0).Sum(r => r.Count) is > 0 and var unknown)
        {
            split.Add(new MethodCount(CoverageMethods.Unknown, DashboardStrings.Coverage_Other, unknown));
        }
        var protectedUsers = byMethod.Sum(r => r.Count);
        return new CoverageFigures(total, protectedUsers, split,
            administratorCount, named.Select(a => new NamedAccount(a.Id, a.Email ?? "")).ToList());
    }
}

/// <summary>2FA coverage of the whole portal.</summary>
public sealed record CoverageFigures(
    int Users,
    int WithTwoFactor,
    IReadOnlyList<MethodCount> ByMethod,
    int AdministratorsWithoutTwoFactor,
    IReadOnlyList<NamedAccount> NamedAdministratorsWithoutTwoFactor)
{
    public int WithoutTwoFactor => Users - WithTwoFactor;

    /// <summary>Share of users with 2FA, 0–100, rounded down so 99.9 % never shows as 100 %.</summary>
    public int Percent => Users == 0 ? 0 : (int)(WithTwoFactor * 100L / Users);
}

/// <param name="Method">The method's stable name (<see cref="CoverageMethod.Name"/>).</param>
/// <param name="Label">What users read, in the culture of the read.</param>
public sealed record MethodCount(string Method, string Label, int Users);

/// <summary>An account named on the dashboard, with what the Users page needs to find it.</summary>
public sealed record NamedAccount(string Id, string Email);
