namespace Lucy.Portal.Core.Settings;

/// <summary>
/// A cached snapshot together with the decrypted secrets, for the few consumers that need them
/// (the Authy key source, the outbound proxy). Deliberately not a record, so it never prints its secrets.
/// </summary>
internal sealed class CurrentSettings(AdvancedSettingsSnapshot snapshot, string? authyApiKey, string? proxyPassword)
{
    public AdvancedSettingsSnapshot Snapshot { get; } = snapshot;
    public string? AuthyApiKey { get; } = authyApiKey;
    public string? ProxyPassword { get; } = proxyPassword;

    public override string ToString() => nameof(CurrentSettings);
}
