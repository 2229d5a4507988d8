using Lucy.Portal.Core.Authy;

namespace Lucy.Portal.Core.Settings;

/// <summary>The Authy key from the cached settings: null unless a key is stored and Authy is the provider in use.</summary>
internal sealed class SettingsAuthyApiKeySource(AdvancedSettingsCache cache) : IAuthyApiKeySource
{
    public async ValueTask<string?> GetApiKeyAsync(CancellationToken ct = default)
    {
        var current = await cache.GetCurrentAsync(ct);
        return current.Snapshot.TwoFactorProvider == TwoFactorProviderKind.Authy ? current.AuthyApiKey : null;
    }
}
