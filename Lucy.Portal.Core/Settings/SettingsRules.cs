using Lucy.Portal.Core.TwilioVerify;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Settings;

/// <summary>
/// The validation rule of each field: null when the value is acceptable, else the message to show next to it.
/// The services enforce them; the forms call the same functions so the message appears as the user types.
/// Messages are in the current UI culture (Resources/SettingsStrings).
/// </summary>
public static class SettingsRules
{
    private static readonly string[] ProxySchemes = ["http", "https", "socks5"];

    public static string? AuthyApiKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return SettingsStrings.AuthyKey_Required;
        }
        var trimmed = key.Trim();
        if (trimmed.Length < SettingsDefaults.AuthyKeyMinLength || trimmed.Length > SettingsDefaults.AuthyKeyMaxLength)
        {
            return SettingsStrings.AuthyKey_Length(SettingsDefaults.AuthyKeyMinLength, SettingsDefaults.AuthyKeyMaxLength);
        }
        return trimmed.All(char.IsAsciiLetterOrDigit) ? null : SettingsStrings.AuthyKey_Characters;
    }

    public static string? TwilioAccountSid(string? sid)
    {
        if (string.IsNullOrWhiteSpace(sid))
        {
            return SettingsStrings.Twilio_AccountSidRequired;
        }
        var trimmed = sid.Trim();
        return TwilioVerifyInput.IsAccountSid(trimmed) || TwilioVerifyInput.IsApiKeySid(trimmed)
            ? null
            : SettingsStrings.Twilio_AccountSidFormat;
    }

    public static string? TwilioAuthToken(string? token) =>
        string.IsNullOrWhiteSpace(token) ? SettingsStrings.Twilio_AuthTokenRequired
        : TwilioVerifyInput.IsAuthToken(token.Trim()) ? null
        : SettingsStrings.Twilio_AuthTokenFormat;

    public static string? TwilioServiceSid(string? sid) =>
        string.IsNullOrWhiteSpace(sid) ? SettingsStrings.Twilio_ServiceSidRequired
        : TwilioVerifyInput.IsServiceSid(sid.Trim()) ? null
        : SettingsStrings.Twilio_ServiceSidFormat;

    public static string? TimeZoneId(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _)
            ? null
            : SettingsStrings.TimeZone_Choose;

    public static string? DateFormat(string? format) =>
        format is not null && SettingsDefaults.DateFormats.Contains(format) ? null : SettingsStrings.DateFormat_Choose;

    public static string? ProxyUrl(string? url, bool proxyEnabled)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return proxyEnabled ? SettingsStrings.Proxy_UrlRequired : null;
        }
        if (url.Length > SettingsDefaults.ProxyUrlMaxLength
            || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || !ProxySchemes.Contains(uri.Scheme)
            || string.IsNullOrEmpty(uri.Host))
        {
            return SettingsStrings.Proxy_UrlFormat;
        }
        // Credentials in the URL would be stored and shown in clear; they belong in the username/password fields.
        return string.IsNullOrEmpty(uri.UserInfo) ? null : SettingsStrings.Proxy_CredentialsInUrl;
    }

    public static string? ProxyCredential(string? value) =>
        value is { Length: > SettingsDefaults.ProxyCredentialMaxLength }
            ? SettingsStrings.AtMostCharacters(SettingsDefaults.ProxyCredentialMaxLength)
            : null;

    public static string? PasswordMinimumLength(int value) =>
        InRange(value, SettingsDefaults.PasswordMinimumLengthFloor, SettingsDefaults.PasswordMinimumLengthCeiling, SettingsStrings.Range_Characters);

    public static string? PasswordRotationDays(int value) =>
        InRange(value, 0, SettingsDefaults.PasswordRotationDaysMax, SettingsStrings.Range_RotationDays);

    public static string? MaxFailedAccessAttempts(int value) =>
        InRange(value, SettingsDefaults.MaxFailedAccessAttemptsMin, SettingsDefaults.MaxFailedAccessAttemptsMax, SettingsStrings.Range_Attempts);

    public static string? LockoutMinutes(int value) =>
        InRange(value, SettingsDefaults.LockoutMinutesMin, SettingsDefaults.LockoutMinutesMax, SettingsStrings.Range_Minutes);

    public static string? RememberDeviceDays(int value) =>
        InRange(value, SettingsDefaults.RememberDeviceDaysMin, SettingsDefaults.RememberDeviceDaysMax, SettingsStrings.Range_Days);

    public static string? SessionAbsoluteHours(int value) =>
        InRange(value, SettingsDefaults.SessionAbsoluteHoursMin, SettingsDefaults.SessionAbsoluteHoursMax, SettingsStrings.Range_Hours);

    /// <summary>An idle timeout longer than the absolute lifetime could never apply.</summary>
    public static string? SessionIdleMinutes(int value, int absoluteHours) =>
        InRange(value, SettingsDefaults.SessionIdleMinutesMin, Math.Max(absoluteHours, SettingsDefaults.SessionAbsoluteHoursMin) * 60,
            SettingsStrings.Range_IdleMinutes);

    public static string? SecurityImageAfterFailures(int value) =>
        InRange(value, SettingsDefaults.SecurityImageAfterFailuresMin, SettingsDefaults.SecurityImageAfterFailuresMax, SettingsStrings.Range_FailedAttempts);

    public static string? AuditRetentionDays(int value) =>
        InRange(value, SettingsDefaults.AuditRetentionDaysMin, SettingsDefaults.AuditRetentionDaysMax, SettingsStrings.Range_Days);

    public static string? FactoryResetConfirmation(string? typed) =>
        typed == SettingsDefaults.FactoryResetConfirmation ? null : SettingsStrings.FactoryReset_TypeToConfirm(SettingsDefaults.FactoryResetConfirmation);

    private static string? InRange(int value, int min, int max, Func<int, int, string> message) =>
        value >= min && value <= max ? null : message(min, max);
}
