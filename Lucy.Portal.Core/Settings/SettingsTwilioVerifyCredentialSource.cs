using Lucy.Portal.Core.TwilioVerify;

namespace Lucy.Portal.Core.Settings;

/// <summary>The Verify credentials from the cached settings: null unless all are stored and Twilio Verify is the provider in use.</summary>
internal sealed class SettingsTwilioVerifyCredentialSource(AdvancedSettingsCache cache) : ITwilioVerifyCredentialSource
{
    public async ValueTask<TwilioVerifyCredentials?> GetCredentialsAsync(CancellationToken ct = default)
    {
        var current = await cache.GetCurrentAsync(ct);
        var settings = current.Snapshot;
        return settings.TwoFactorProvider == TwoFactorProviderKind.TwilioVerify
            && settings is { TwilioAccountSid: { } accountSid, TwilioServiceSid: { } serviceSid }
            && current.TwilioAuthToken is { } authToken
                ? new TwilioVerifyCredentials(accountSid, authToken, serviceSid)
                : null;
    }
}
