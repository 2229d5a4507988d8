using Lucy.Portal.Core.TwilioVerify;

namespace Lucy.Portal.Core.Settings;

/// <summary>
/// The validation rule of each field: null when the value is acceptable, else the message to show next to it.
/// The services enforce them; the forms call the same functions so the message appears as the user types.
/// </summary>
public static class SettingsRules
{
    private static readonly string[] ProxySchemes = ["http", "https", "socks5"];

    public static string? AuthyApiKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return "Enter the 2FA key.";
        }
        var trimmed = key.Trim();
        if (trimmed.Length < SettingsDefaults.AuthyKeyMinLength || trimmed.Length > SettingsDefaults.AuthyKeyMaxLength)
        {
            return $"An Authy API key has {SettingsDefaults.AuthyKeyMinLength} to {SettingsDefaults.AuthyKeyMaxLength} characters.";
        }
        return trimmed.All(char.IsAsciiLetterOrDigit) ? null : "An Authy API key contains only letters and digits.";
    }

    public static string? TwilioAccountSid(string? sid)
    {
        if (string.IsNullOrWhiteSpace(sid))
        {
            return "Enter the Account SID.";
        }
        var trimmed = sid.Trim();
        return TwilioVerifyInput.IsAccountSid(trimmed) || TwilioVerifyInput.IsApiKeySid(trimmed)
            ? null
            : "An Account SID is AC followed by 32 hexadecimal characters (or an API key SID: SK and 32).";
    }

    public static string? TwilioAuthToken(string? token) =>
        string.IsNullOrWhiteSpace(token) ? "Enter the Auth Token."
        : TwilioVerifyInput.IsAuthToken(token.Trim()) ? null
        : "An Auth Token (or API key secret) has 32 letters and digits.";

    public static string? TwilioServiceSid(string? sid) =>
        string.IsNullOrWhiteSpace(sid) ? "Enter the Verify Service SID."
        : TwilioVerifyInput.IsServiceSid(sid.Trim()) ? null
        : "A Verify Service SID is VA followed by 32 hexadecimal characters.";

    public static string? TimeZoneId(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _)
            ? null
            : "Choose a time zone from the list.";

    public static string? DateFormat(string? format) =>
        format is not null && SettingsDefaults.DateFormats.Contains(format) ? null : "Choose a date format from the list.";

    public static string? ProxyUrl(string? url, bool proxyEnabled)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return proxyEnabled ? "Enter the proxy URL, e.g. http://proxy.example.com:3128." : null;
        }
        if (url.Length > SettingsDefaults.ProxyUrlMaxLength
            || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || !ProxySchemes.Contains(uri.Scheme)
            || string.IsNullOrEmpty(uri.Host))
        {
            return "Enter a proxy URL such as http://proxy.example.com:3128 (http, https or socks5).";
        }
        // Credentials in the URL would be stored and shown in clear; they belong in the username/password fields.
        return string.IsNullOrEmpty(uri.UserInfo) ? null : "Put the proxy username and password in their own fields, not in the URL.";
    }

    public static string? ProxyCredential(string? value) =>
        value is { Length: > SettingsDefaults.ProxyCredentialMaxLength }
            ? $"At most {SettingsDefaults.ProxyCredentialMaxLength} characters."
            : null;

    public static string? PasswordMinimumLength(int value) =>
        InRange(value, SettingsDefaults.PasswordMinimumLengthFloor, SettingsDefaults.PasswordMinimumLengthCeiling, "characters");

    public static string? PasswordRotationDays(int value) =>
        InRange(value, 0, SettingsDefaults.PasswordRotationDaysMax, "days (0 turns rotation off)");

    public static string? MaxFailedAccessAttempts(int value) =>
        InRange(value, SettingsDefaults.MaxFailedAccessAttemptsMin, SettingsDefaults.MaxFailedAccessAttemptsMax, "attempts");

    public static string? LockoutMinutes(int value) =>
        InRange(value, SettingsDefaults.LockoutMinutesMin, SettingsDefaults.LockoutMinutesMax, "minutes");

    public static string? RememberDeviceDays(int value) =>
        InRange(value, SettingsDefaults.RememberDeviceDaysMin, SettingsDefaults.RememberDeviceDaysMax, "days");

    public static string? SessionAbsoluteHours(int value) =>
        InRange(value, SettingsDefaults.SessionAbsoluteHoursMin, SettingsDefaults.SessionAbsoluteHoursMax, "hours");

    /// <summary>An idle timeout longer than the absolute lifetime could never apply.</summary>
    public static string? SessionIdleMinutes(int value, int absoluteHours) =>
        InRange(value, SettingsDefaults.SessionIdleMinutesMin, Math.Max(absoluteHours, SettingsDefaults.SessionAbsoluteHoursMin) * 60,
            "minutes (at most the absolute lifetime)");

    public static string? SecurityImageAfterFailures(int value) =>
        InRange(value, SettingsDefaults.SecurityImageAfterFailuresMin, SettingsDefaults.SecurityImageAfterFailuresMax, "failed attempts");

    public static string? AuditRetentionDays(int value) =>
        InRange(value, SettingsDefaults.AuditRetentionDaysMin, SettingsDefaults.AuditRetentionDaysMax, "days");

    public static string? FactoryResetConfirmation(string? typed) =>
        typed == SettingsDefaults.FactoryResetConfirmation ? null : $"Type {SettingsDefaults.FactoryResetConfirmation} to confirm.";

    private static string? InRange(int value, int min, int max, string unit) =>
        value >= min && value <= max ? null : $"Enter {min} to {max} {unit}.";
}
