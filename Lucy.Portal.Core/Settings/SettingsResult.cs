namespace Lucy.Portal.Core.Settings;

/// <summary>A message for one field of a settings form; <see cref="Field"/> is one of <see cref="SettingsFields"/>.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>The outcome of saving settings: saved, or the field-level messages (and then nothing was saved).</summary>
public sealed record SettingsResult(bool Succeeded, IReadOnlyList<FieldError> Errors)
{
    public static SettingsResult Success { get; } = new(true, []);

    public static SettingsResult Invalid(IReadOnlyList<FieldError> errors) => new(false, errors);

    public static SettingsResult Invalid(string field, string message) => new(false, [new FieldError(field, message)]);

    /// <summary>The first message for a field, or null.</summary>
    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;
}

/// <summary>The names of the settings fields, shared by validation results, the audit log and the UI.</summary>
public static class SettingsFields
{
    public const string TwoFactorProvider = "TwoFactorProvider";
    public const string AuthyApiKey = "AuthyApiKey";
    public const string TwilioAccountSid = "TwilioAccountSid";
    public const string TwilioAuthToken = "TwilioAuthToken";
    public const string TwilioServiceSid = "TwilioServiceSid";
    public const string TimeZoneId = "TimeZoneId";
    public const string DateFormat = "DateFormat";
    public const string ProxyUrl = "ProxyUrl";
    public const string ProxyUserName = "ProxyUserName";
    public const string ProxyPassword = "ProxyPassword";
    public const string PasswordMinimumLength = "PasswordMinimumLength";
    public const string PasswordRotationDays = "PasswordRotationDays";
    public const string MaxFailedAccessAttempts = "MaxFailedAccessAttempts";
    public const string LockoutMinutes = "LockoutMinutes";
    public const string RememberDeviceDays = "RememberDeviceDays";
    public const string SessionAbsoluteHours = "SessionAbsoluteHours";
    public const string SessionIdleMinutes = "SessionIdleMinutes";
    public const string SecurityImageAfterFailures = "SecurityImageAfterFailures";
    public const string AuditRetentionDays = "AuditRetentionDays";
    public const string Confirmation = "Confirmation";
}
