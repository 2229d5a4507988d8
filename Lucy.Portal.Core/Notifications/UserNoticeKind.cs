namespace Lucy.Portal.Core.Notifications;

/// <summary>
/// The security events a user is told about (NIST SP 800-63B-4 §4.1.2.1 and §4.2.1.1, OWASP ASVS 5.0 6.3.7).
/// A notice never carries a code or a secret.
/// </summary>
public enum UserNoticeKind
{
    TwoFactorEnabled,
    TwoFactorDisabled,
    FactorAdded,
    FactorRemoved,
    RecoveryCodesRegenerated,
    RecoveryCodeUsed,
    PhoneNumberChanged,
    /// <summary>A burst of wrong or replayed codes after a correct password: someone may know the password.</summary>
    SuspiciousCodeAttempts,
    AccountLocked,
    TwoFactorResetByAdministrator,
    SessionsEndedByAdministrator,
    PasswordChanged,
}
