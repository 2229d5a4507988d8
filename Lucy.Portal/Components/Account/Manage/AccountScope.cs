using Lucy.Portal.Core.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.Components.Account.Manage;

/// <summary>
/// Runs one account operation in a DI scope of its own, for the signed-in user freshly read from the database:
/// a circuit lives long, and neither its DbContext nor a cached user row should.
/// </summary>
internal sealed class AccountScope(IServiceScopeFactory scopes, AuthenticationStateProvider authentication)
{
    public async Task<T> RunAsync<T>(Func<IServiceProvider, PortalUser, Task<T>> operation)
    {
        var principal = (await authentication.GetAuthenticationStateAsync()).User;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.GetUserAsync(principal)
            ?? throw new InvalidOperationException("The signed-in account no longer exists.");
        return await operation(scope.ServiceProvider, user);
    }

    public Task<T> RunAsync<TService, T>(Func<TService, PortalUser, Task<T>> operation) where TService : notnull =>
        RunAsync((services, user) => operation(services.GetRequiredService<TService>(), user));
}
