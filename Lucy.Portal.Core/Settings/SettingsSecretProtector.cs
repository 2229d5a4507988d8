using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;

namespace Lucy.Portal.Core.Settings;

/// <summary>Encrypts the secrets among the settings (Authy key, Twilio Auth Token, proxy password) with Data Protection, one purpose each.</summary>
public sealed class SettingsSecretProtector(IDataProtectionProvider provider, ILogger<SettingsSecretProtector> logger)
{
    // Versioned purposes: a future change of format gets a new purpose instead of misreading old payloads.
    private readonly IDataProtector authyKey = provider.CreateProtector("Lucy.Portal.Settings.AuthyApiKey.v1");
    private readonly IDataProtector proxyPassword = provider.CreateProtector("Lucy.Portal.Settings.ProxyPassword.v1");
    private readonly IDataProtector twilioAuthToken = provider.CreateProtector("Lucy.Portal.Settings.TwilioAuthToken.v1");

    public string ProtectAuthyApiKey(string apiKey) => authyKey.Protect(apiKey);

    public string? UnprotectAuthyApiKey(string? payload) => Unprotect(authyKey, payload, "Authy API key");

    public string ProtectTwilioAuthToken(string authToken) => twilioAuthToken.Protect(authToken);

    public string? UnprotectTwilioAuthToken(string? payload) => Unprotect(twilioAuthToken, payload, "Twilio Auth Token");

    public string ProtectProxyPassword(string password) => proxyPassword.Protect(password);

    public string? UnprotectProxyPassword(string? payload) => Unprotect(proxyPassword, payload, "proxy password");

    private string? Unprotect(IDataProtector protector, string? payload, string what)
    {
        if (string.IsNullOrEmpty(payload))
        {
            return null;
        }
        try
        {
            return protector.Unprotect(payload);
        }
        catch (CryptographicException)
        {
            // The key ring that protected it is gone (e.g. a new database without its keys). Treat the secret as
            // absent, so the portal falls back to its private default instead of failing every request.
            logger.LogWarning("The stored {Secret} cannot be decrypted with the current key ring; it is treated as not set.", what);
            return null;
        }
    }
}
