using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Core.Authy;

/// <summary>
/// Stand-in until the settings implementation is registered: no key, so no Authy request is ever made.
/// Registered with TryAdd; a real source registered with Add (before or after) wins.
/// </summary>
internal sealed class UnconfiguredAuthyApiKeySource : IAuthyApiKeySource
{
    public ValueTask<string?> GetApiKeyAsync(CancellationToken ct = default) => ValueTask.FromResult<string?>(null);
}
