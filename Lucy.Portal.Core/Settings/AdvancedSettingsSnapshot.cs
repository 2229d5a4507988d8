using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.Core.Settings;

/// <summary>
/// The current advanced settings as the UI and the rest of the portal see them. Holds no secret:
/// the Authy key and the Twilio Auth Token appear only masked and the proxy password only as "set or not".
/// </summary>
public sealed record AdvancedSettingsSnapshot
{
    public TwoFactorProviderKind TwoFactorProvider { get; init; } = SettingsDefaults.TwoFactorProvider;
    /// <summary>"••••••••1234" when a key is stored, else null.</summary>
    public string? MaskedAuthyApiKey { get; init; }
    public bool AuthyKeyIsSharedEvaluationKey { get; init; }
    /// <summary>The stored Account SID (or API key SID), an identifier; null when none is stored.</summary>
    public string? TwilioAccountSid { get; init; }
    /// <summary>"••••••••abcd" when a Twilio Auth Token is stored (and readable), else null.</summary>
    public string? MaskedTwilioAuthToken { get; init; }
    /// <summary>The stored Verify Service SID ("VA…"); null when none is stored.</summary>
    public string? TwilioServiceSid { get; init; }
    public string TimeZoneId { get; init; } = SettingsDefaults.TimeZoneId;
    public string DateFormat { get; init; } = SettingsDefaults.DateFormat;
    public bool ProxyEnabled { get; init; }
    public string? ProxyUrl { get; init; }
    public string? ProxyUserName { get; init; }
    public bool HasProxyPassword { get; init; }
    public int PasswordMinimumLength { get; init; } = SettingsDefaults.PasswordMinimumLength;
    public int PasswordRotationDays { get; init; } = SettingsDefaults.PasswordRotationDays;
    public int MaxFailedAccessAttempts { get; init; } = SettingsDefaults.MaxFailedAccessAttempts;
    public int LockoutMinutes { get; init; } = SettingsDefaults.LockoutMinutes;
    public bool RememberDeviceAllowed { get; init; } = SettingsDefaults.RememberDeviceAllowed;
    public int RememberDeviceDays { get; init; } = SettingsDefaults.RememberDeviceDays;
    public int SessionAbsoluteHours { get; init; } = SettingsDefaults.SessionAbsoluteHours;
    public int SessionIdleMinutes { get; init; } = SettingsDefaults.SessionIdleMinutes;
    public bool SecurityImageEnabled { get; init; } = SettingsDefaults.SecurityImageEnabled;
    public int SecurityImageAfterFailures { get; init; } = SettingsDefaults.SecurityImageAfterFailures;
    /// <summary>Who must use 2FA, the grace periods and the step-up window.</summary>
    public Policy.TwoFactorPolicy TwoFactorPolicy { get; init; } = Policy.TwoFactorPolicy.Default;
    public int AuditRetentionDays { get; init; } = SettingsDefaults.AuditRetentionDays;
    public bool AdministratorsRequirePasskey { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public string? UpdatedBy { get; init; }

    /// <summary>The settings of a fresh installation.</summary>
    public static AdvancedSettingsSnapshot Defaults { get; } = new();

    public bool HasAuthyApiKey => MaskedAuthyApiKey is not null;

    /// <summary>True when login information is sent to Authy; false is the private default.</summary>
    public bool UsesAuthy => TwoFactorProvider == TwoFactorProviderKind.Authy && HasAuthyApiKey;

    /// <summary>The Account SID masked like a secret, for places that only need to show that one is set.</summary>
    public string? MaskedTwilioAccountSid => SecretMask.LastFour(TwilioAccountSid);

    /// <summary>True when all three Verify values are stored and the token can be decrypted.</summary>
    public bool HasTwilioVerifyCredentials => TwilioAccountSid is not null && MaskedTwilioAuthToken is not null && TwilioServiceSid is not null;

    /// <summary>True when login information (phone numbers, codes) is sent to Twilio Verify.</summary>
    public bool UsesTwilioVerify => TwoFactorProvider == TwoFactorProviderKind.TwilioVerify && HasTwilioVerifyCredentials;

    /// <summary>Which providers can check a code now: a user whose factors all depend on others has only recovery codes left.</summary>
    public Policy.ProviderAvailability Providers => new(UsesAuthy, UsesTwilioVerify);

    public TimeSpan LockoutDuration => TimeSpan.FromMinutes(LockoutMinutes);

    /// <summary>How long a "remember this device" cookie lasts; null when remembering devices is not allowed.</summary>
    public TimeSpan? RememberDeviceDuration => RememberDeviceAllowed ? TimeSpan.FromDays(RememberDeviceDays) : null;

    /// <summary>How long a sign-in lasts at most, however active its user.</summary>
    public TimeSpan SessionAbsoluteLifetime => TimeSpan.FromHours(SessionAbsoluteHours);

    /// <summary>How long a session may go without a request or circuit activity before it ends.</summary>
    public TimeSpan SessionIdleTimeout => TimeSpan.FromMinutes(SessionIdleMinutes);

    /// <summary>How old a password may get before it must be changed; null when rotation is off (the NIST-advised default).</summary>
    public TimeSpan? PasswordRotation => PasswordRotationDays > 0 ? TimeSpan.FromDays(PasswordRotationDays) : null;

    /// <summary>Copies the password length and lockout policy onto Identity's options.</summary>
    public void ApplyTo(IdentityOptions options)
    {
        options.Password.RequiredLength = PasswordMinimumLength;
        options.Lockout.MaxFailedAccessAttempts = MaxFailedAccessAttempts;
        options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
    }
}
