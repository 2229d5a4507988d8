namespace Lucy.Portal.Core.Settings;

/// <summary>
/// A cached snapshot together with the decrypted secrets, for the few consumers that need them
/// (the Authy key and Twilio credential sources, the outbound proxy). Deliberately not a record, so it never prints its secrets.
/// </summary>
internal sealed class CurrentSettings(AdvancedSettingsSnapshot snapshot, string? authyApiKey, string? proxyPassword, string? twilioAuthToken = null)
{
    public AdvancedSettingsSnapshot Snapshot { get; } = snapshot;
    public string? AuthyApiKey { get; } = authyApiKey;
    public string? ProxyPassword { get; } = proxyPassword;
    public string? TwilioAuthToken { get; } = twilioAuthToken;

    public override string ToString() => nameof(CurrentSettings);
}
