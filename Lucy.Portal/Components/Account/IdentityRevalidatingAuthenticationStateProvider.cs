using Lucy.Portal.Core.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Lucy.Portal.Components.Account;

/// <summary>
/// Rechecks the security stamp of a connected circuit every 30 seconds, so a user whose stamp
/// changed (password or 2FA change, logout everywhere) loses the live circuit within a minute.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        // A fresh scope, so the check reads the database rather than a circuit-long cached user.
        await using var scope = scopeFactory.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SessionValidator>().IsCurrentAsync(authenticationState.User);
    }
}
