using Lucy.Portal.Core.KeyProtection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;

namespace Lucy.Portal.Core.Settings;

/// <summary>Encrypts the secrets among the settings (Authy key, Twilio Auth Token, proxy password) with Data Protection, one purpose each.</summary>
public sealed class SettingsSecretProtector(IDataProtectionProvider provider, ILogger<SettingsSecretProtector> logger)
{
    private readonly StoredSecret authyKey = new(provider, "Lucy.Portal.Settings.AuthyApiKey.v1", "Authy API key", logger);
    private readonly StoredSecret proxyPassword = new(provider, "Lucy.Portal.Settings.ProxyPassword.v1", "proxy password", logger);
    private readonly StoredSecret twilioAuthToken = new(provider, "Lucy.Portal.Settings.TwilioAuthToken.v1", "Twilio Auth Token", logger);

    public string ProtectAuthyApiKey(string apiKey) => authyKey.Protect(apiKey);

    public string? UnprotectAuthyApiKey(string? payload) => authyKey.Unprotect(payload);

    public string ProtectTwilioAuthToken(string authToken) => twilioAuthToken.Protect(authToken);

    public string? UnprotectTwilioAuthToken(string? payload) => twilioAuthToken.Unprotect(payload);

    public string ProtectProxyPassword(string password) => proxyPassword.Protect(password);

    public string? UnprotectProxyPassword(string? payload) => proxyPassword.Unprotect(payload);
}
