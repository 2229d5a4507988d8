namespace Lucy.Portal.Core.Settings;

/// <summary>
/// The stored advanced settings: a single row with <see cref="SingletonId"/>. Secrets are held only as
/// Data Protection payloads; read them through <see cref="SettingsSecretProtector"/>.
/// </summary>
public sealed class AdvancedSettingsRow
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public TwoFactorProviderKind TwoFactorProvider { get; set; } = SettingsDefaults.TwoFactorProvider;
    public string? ProtectedAuthyApiKey { get; set; }
    public bool AuthyKeyIsSharedEvaluationKey { get; set; }
    /// <summary>"AC…" (or an API key's "SK…"): an identifier, stored in clear.</summary>
    public string? TwilioAccountSid { get; set; }
    public string? ProtectedTwilioAuthToken { get; set; }
    /// <summary>The Verify Service, "VA…": an identifier, stored in clear.</summary>
    public string? TwilioServiceSid { get; set; }
    public string TimeZoneId { get; set; } = SettingsDefaults.TimeZoneId;
    public string DateFormat { get; set; } = SettingsDefaults.DateFormat;
    public bool ProxyEnabled { get; set; }
    public string? ProxyUrl { get; set; }
    public string? ProxyUserName { get; set; }
    public string? ProtectedProxyPassword { get; set; }
    public int PasswordMinimumLength { get; set; } = SettingsDefaults.PasswordMinimumLength;
    public int PasswordRotationDays { get; set; } = SettingsDefaults.PasswordRotationDays;
    public int MaxFailedAccessAttempts { get; set; } = SettingsDefaults.MaxFailedAccessAttempts;
    public int LockoutMinutes { get; set; } = SettingsDefaults.LockoutMinutes;
    public bool RememberDeviceAllowed { get; set; } = SettingsDefaults.RememberDeviceAllowed;
    public int RememberDeviceDays { get; set; } = SettingsDefaults.RememberDeviceDays;
    public int SessionAbsoluteHours { get; set; } = SettingsDefaults.SessionAbsoluteHours;
    public int SessionIdleMinutes { get; set; } = SettingsDefaults.SessionIdleMinutes;
    public bool SecurityImageEnabled { get; set; } = SettingsDefaults.SecurityImageEnabled;
    public int SecurityImageAfterFailures { get; set; } = SettingsDefaults.SecurityImageAfterFailures;
    public Policy.TwoFactorRequiredFor TwoFactorRequiredFor { get; set; } = Policy.TwoFactorPolicy.Default.RequiredFor;
    public int TwoFactorAdministratorGraceDays { get; set; } = Policy.TwoFactorPolicy.Default.AdministratorGraceDays;
    public int TwoFactorEveryoneGraceDays { get; set; } = Policy.TwoFactorPolicy.Default.EveryoneGraceDays;
    public int StepUpMinutes { get; set; } = Policy.TwoFactorPolicy.Default.StepUpMinutes;
    public int AuditRetentionDays { get; set; } = SettingsDefaults.AuditRetentionDays;
    /// <summary>Administrators must have a passkey (a phishing-resistant factor); see TwoFactor/Passkeys/AdministratorPasskeyRule.</summary>
    public bool AdministratorsRequirePasskey { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    /// <summary>A detached copy, to compare the row before and after a change.</summary>
    internal AdvancedSettingsRow Copy() => (AdvancedSettingsRow)MemberwiseClone();

    /// <summary>Every setting back to its default; the identity of the row is kept.</summary>
    public void ResetToDefaults()
    {
        var defaults = new AdvancedSettingsRow();
        TwoFactorProvider = defaults.TwoFactorProvider;
        ProtectedAuthyApiKey = null;
        AuthyKeyIsSharedEvaluationKey = false;
        TwilioAccountSid = null;
        ProtectedTwilioAuthToken = null;
        TwilioServiceSid = null;
        TimeZoneId = defaults.TimeZoneId;
        DateFormat = defaults.DateFormat;
        ProxyEnabled = defaults.ProxyEnabled;
        ProxyUrl = null;
        ProxyUserName = null;
        ProtectedProxyPassword = null;
        PasswordMinimumLength = defaults.PasswordMinimumLength;
        PasswordRotationDays = defaults.PasswordRotationDays;
        MaxFailedAccessAttempts = defaults.MaxFailedAccessAttempts;
        LockoutMinutes = defaults.LockoutMinutes;
        RememberDeviceAllowed = defaults.RememberDeviceAllowed;
        RememberDeviceDays = defaults.RememberDeviceDays;
        SessionAbsoluteHours = defaults.SessionAbsoluteHours;
        SessionIdleMinutes = defaults.SessionIdleMinutes;
        SecurityImageEnabled = defaults.SecurityImageEnabled;
        SecurityImageAfterFailures = defaults.SecurityImageAfterFailures;
        TwoFactorRequiredFor = defaults.TwoFactorRequiredFor;
        TwoFactorAdministratorGraceDays = defaults.TwoFactorAdministratorGraceDays;
        TwoFactorEveryoneGraceDays = defaults.TwoFactorEveryoneGraceDays;
        StepUpMinutes = defaults.StepUpMinutes;
        AuditRetentionDays = defaults.AuditRetentionDays;
        AdministratorsRequirePasskey = defaults.AdministratorsRequirePasskey;
    }
}
