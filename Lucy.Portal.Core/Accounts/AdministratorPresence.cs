using Lucy.Portal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Core.Accounts;

/// <summary>
/// Remembers, once it is true, that an administrator exists, so the first-run gate costs
/// one query per process instead of one per request. It never flips back: the setup page is gone for good.
/// </summary>
public sealed class AdministratorPresence(IServiceScopeFactory scopes)
{
    private volatile bool _known;

    public async Task<bool> ExistsAsync()
    {
        if (_known)
        {
            return true;
        }
        // One EXISTS on the role links, not UserManager.GetUsersInRoleAsync: this runs while the portal starts, and
        // building a UserManager with its validators and token providers, then loading the administrators, took
        // 200 ms of the cold start (issue 15).
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        _known = await db.UserRoles.AnyAsync(link => db.Roles.Any(role => role.Id == link.RoleId && role.Name == PortalRoles.Administrator));
        return _known;
    }

    /// <summary>True once an administrator is known to exist (no query).</summary>
    internal bool IsKnown => _known;

    internal void MarkExists() => _known = true;
}
