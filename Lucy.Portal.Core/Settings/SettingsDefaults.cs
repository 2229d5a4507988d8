namespace Lucy.Portal.Core.Settings;

/// <summary>The one place that knows every setting's default and allowed range.</summary>
public static class SettingsDefaults
{
    public const TwoFactorProviderKind TwoFactorProvider = TwoFactorProviderKind.BuiltInAuthenticator;
    public const string TimeZoneId = "UTC";
    public const string DateFormat = "yyyy-MM-dd HH:mm";

    // NIST SP 800-63B-4 sets the floor at 8; OWASP ASVS asks for 12, which is the default.
    public const int PasswordMinimumLength = 12;
    public const int PasswordMinimumLengthFloor = 8;
    public const int PasswordMinimumLengthCeiling = 128;

    // NIST advises against forced rotation, so it is off unless an administrator insists.
    public const int PasswordRotationDays = 0;
    public const int PasswordRotationDaysMax = 365;

    // Identity's own lockout defaults (LockoutOptions): 5 attempts, 5 minutes.
    public const int MaxFailedAccessAttempts = 5;
    public const int MaxFailedAccessAttemptsMin = 1;
    public const int MaxFailedAccessAttemptsMax = 100;
    public const int LockoutMinutes = 5;
    public const int LockoutMinutesMin = 1;
    public const int LockoutMinutesMax = 1440;

    public const bool RememberDeviceAllowed = true;
    public const int RememberDeviceDays = 30;
    public const int RememberDeviceDaysMin = 1;
    public const int RememberDeviceDaysMax = 365;

    // NIST SP 800-63B-4 §2.2.3 (AAL2): reauthenticate at least every 24 hours; 12 is a working day with margin.
    public const int SessionAbsoluteHours = 12;
    public const int SessionAbsoluteHoursMin = 1;
    public const int SessionAbsoluteHoursMax = 24;
    // ASVS 3.3.2 (L2) for an admin portal: 30 minutes idle.
    public const int SessionIdleMinutes = 30;
    public const int SessionIdleMinutesMin = 1;
    // Off by default, as in the seed; once on, the image is asked from the third failed password on.
    public const bool SecurityImageEnabled = false;
    public const int SecurityImageAfterFailures = 3;
    public const int SecurityImageAfterFailuresMin = 1;
    public const int SecurityImageAfterFailuresMax = 100;
    /// <summary>How far back failed passwords count toward the security image (per account and per address).</summary>
    public static readonly TimeSpan SecurityImageFailureWindow = TimeSpan.FromMinutes(15);

    // Audit log retention: a year covers an annual review; ten years is the longest anyone keeps login events.
    public const int AuditRetentionDays = 365;
    public const int AuditRetentionDaysMin = 1;
    public const int AuditRetentionDaysMax = 3650;

    public const int AuthyKeyMinLength = 20;
    public const int AuthyKeyMaxLength = 64;
    public const int ProxyUrlMaxLength = 500;
    /// <summary>Twilio SIDs: two letters and 32 hex digits.</summary>
    public const int TwilioSidLength = 34;
    public const int ProxyCredentialMaxLength = 256;

    /// <summary>The date formats an administrator can choose from; free text would be hard to validate and easy to break.</summary>
    public static IReadOnlyList<string> DateFormats { get; } =
    [
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd HH:mm:ss",
        "dd.MM.yyyy HH:mm",
        "dd/MM/yyyy HH:mm",
        "MM/dd/yyyy h:mm tt",
        "d MMM yyyy HH:mm",
    ];

    /// <summary>The text an administrator must type to confirm a factory reset.</summary>
    public const string FactoryResetConfirmation = "RESET";
}
