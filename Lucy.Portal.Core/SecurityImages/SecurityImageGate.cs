using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Core.SecurityImages;

/// <summary>Whether a login must answer a security image: the setting is on and the account or the address has failed often enough.</summary>
public sealed class SecurityImageGate(AdvancedSettingsCache settings, FailedPasswordLedger failures)
{
    public async Task<bool> IsRequiredAsync(string? email, string? address, CancellationToken ct = default)
    {
        var current = await settings.GetAsync(ct);
        return current.SecurityImageEnabled
            && await failures.RecentFailuresAsync(email, address, ct) >= current.SecurityImageAfterFailures;
    }

    public async Task<bool> IsEnabledAsync(CancellationToken ct = default) => (await settings.GetAsync(ct)).SecurityImageEnabled;
}
