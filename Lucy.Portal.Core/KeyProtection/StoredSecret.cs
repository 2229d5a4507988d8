using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;

namespace Lucy.Portal.Core.KeyProtection;

/// <summary>
/// One kind of secret kept at rest with Data Protection under its own versioned purpose (a future change of format
/// gets a new purpose instead of misreading old payloads). A payload the key ring can no longer open (e.g. a new
/// database without its keys) reads as absent, so the portal falls back to "not set" instead of failing every request.
/// </summary>
public sealed class StoredSecret(IDataProtectionProvider provider, string purpose, string name, ILogger logger)
{
    private readonly IDataProtector protector = provider.CreateProtector(purpose);

    public string Protect(string value) => protector.Protect(value);

    public string? Unprotect(string? payload)
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
            logger.LogWarning("The stored {Secret} cannot be decrypted with the current key ring; it is treated as not set.", name);
            return null;
        }
    }
}
