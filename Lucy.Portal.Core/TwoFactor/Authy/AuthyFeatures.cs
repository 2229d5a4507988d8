using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Settings;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>
/// What the configured Authy application allows (SMS, voice, OneTouch), asked once per settings version and kept
/// for a few minutes: the token prompt loads twice per login (prerender and live circuit) and must not call Authy
/// each time. A failed answer is not kept, so the next prompt asks again.
/// </summary>
public sealed class AuthyFeatures(IServiceScopeFactory scopes, IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public async Task<AuthyAppDetails?> GetAsync(AdvancedSettingsSnapshot settings, CancellationToken ct = default)
    {
        // A saved key changes UpdatedAt, so a new key is never answered with the old application's features.
        var cacheKey = (nameof(AuthyFeatures), settings.UpdatedAt);
        if (cache.TryGetValue(cacheKey, out AuthyAppDetails? known))
        {
            return known;
        }
        await using var scope = scopes.CreateAsyncScope();
        var details = (await scope.ServiceProvider.GetRequiredService<AuthyApplicationProbe>().GetDetailsAsync(ct)).Value;
        if (details is not null)
        {
            cache.Set(cacheKey, details, Lifetime);
        }
        return details;
    }
}
