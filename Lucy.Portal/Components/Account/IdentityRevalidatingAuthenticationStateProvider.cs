using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Sessions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Components.Account;

/// <summary>
/// Rechecks a connected circuit's session and security stamp every few seconds (Sessions:CircuitRevalidationSeconds,
/// 15 by default), so a live page loses access soon after its session ends: logout in another tab, log out everywhere,
/// the absolute lifetime or idle timeout, a password or 2FA change. The page's router then sends it to the login page.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    CircuitActivity activity,
    IOptions<SessionLifetimeOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(Math.Max(1, options.Value.CircuitRevalidationSeconds));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        // A fresh scope, so the check reads the database rather than a circuit-long cached user.
        await using var scope = scopeFactory.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SessionValidator>()
            .IsCurrentAsync(authenticationState.User, activity.TakeSinceLastCheck());
    }
}
