using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;

namespace Lucy.Portal.Core.Mail;

/// <summary>Encrypts the SMTP password, and the bodies waiting in the outbox (they can hold a reset link), with Data Protection.</summary>
public sealed class MailSecretProtector(IDataProtectionProvider provider, ILogger<MailSecretProtector> logger)
{
    private readonly IDataProtector password = provider.CreateProtector("Lucy.Portal.Settings.MailPassword.v1");
    private readonly IDataProtector body = provider.CreateProtector("Lucy.Portal.Mail.OutboxBody.v1");

    public string ProtectPassword(string value) => password.Protect(value);

    public string? UnprotectPassword(string? payload) => Unprotect(password, payload, "SMTP password");

    public string ProtectBody(string value) => body.Protect(value);

    public string? UnprotectBody(string? payload) => Unprotect(body, payload, "outbox message");

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
            logger.LogWarning("The stored {Secret} cannot be decrypted with the current key ring.", what);
            return null;
        }
    }
}
