using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.Policy.Enforcement;

/// <summary>Reads <see cref="UserFactorFacts"/> (role and factors on record) for one user or all, in one query.</summary>
public sealed class UserFactorFactsQuery(PortalDbContext db)
{
    public async Task<UserFactorFacts?> ForUserAsync(string userId, CancellationToken ct = default) =>
        (await QueryAsync(userId, ct)).GetValueOrDefault(userId);

    public Task<Dictionary<string, UserFactorFacts>> AllAsync(CancellationToken ct = default) => QueryAsync(null, ct);

    private async Task<Dictionary<string, UserFactorFacts>> QueryAsync(string? userId, CancellationToken ct)
    {
        var adminRoleIds = db.Roles.Where(r => r.Name == PortalRoles.Administrator).Select(r => r.Id);
        var users = db.Users.AsNoTracking();
        if (userId is not null)
        {
            users = users.Where(u => u.Id == userId);
        }
        var rows = await users.Select(u => new
        {
            u.Id,
            IsAdministrator = db.UserRoles.Any(ur => ur.UserId == u.Id && adminRoleIds.Contains(ur.RoleId)),
            u.TwoFactorEnabled,
            HasAuthenticator = db.Set<AuthenticatorKey>().Any(k => k.UserId == u.Id && k.ProtectedSeed != null),
            HasAuthy = u.AuthyId != null && u.AuthyId != "",
            u.TwoFactorViaTwilioVerify,
            HasPasskey = db.UserPasskeys.Any(p => p.UserId == u.Id),
        }).ToListAsync(ct);
        return rows.ToDictionary(
            r => r.Id,
            r => new UserFactorFacts(r.IsAdministrator, r.TwoFactorEnabled, r.HasAuthenticator, r.HasAuthy, r.TwoFactorViaTwilioVerify, r.HasPasskey));
    }
}
