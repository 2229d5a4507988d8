namespace Lucy.Portal.Core.TwoFactor.Passkeys;

/// <summary>Audit event names of passkeys (next to <see cref="Auditing.AuditEvents"/>, kept here so the method stays in one folder).</summary>
public static class PasskeyAuditEvents
{
    public const string Added = "twofactor.passkey-added";
    public const string Refused = "twofactor.passkey-refused";
    public const string Removed = "twofactor.passkey-removed";
    public const string PasswordlessRefused = "login.passkey-refused";
}
