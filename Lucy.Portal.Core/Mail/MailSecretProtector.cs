using Lucy.Portal.Core.KeyProtection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;

namespace Lucy.Portal.Core.Mail;

/// <summary>Encrypts the SMTP password, and the bodies waiting in the outbox (they can hold a reset link), with Data Protection.</summary>
public sealed class MailSecretProtector(IDataProtectionProvider provider, ILogger<MailSecretProtector> logger)
{
    private readonly StoredSecret password = new(provider, "Lucy.Portal.Settings.MailPassword.v1", "SMTP password", logger);
    private readonly StoredSecret body = new(provider, "Lucy.Portal.Mail.OutboxBody.v1", "outbox message", logger);

    public string ProtectPassword(string value) => password.Protect(value);

    public string? UnprotectPassword(string? payload) => password.Unprotect(payload);

    public string ProtectBody(string value) => body.Protect(value);

    public string? UnprotectBody(string? payload) => body.Unprotect(payload);
}
