using Microsoft.AspNetCore.Identity;
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
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        _known = (await users.GetUsersInRoleAsync(PortalRoles.Administrator)).Count > 0;
        return _known;
    }

    internal void MarkExists() => _known = true;
}
