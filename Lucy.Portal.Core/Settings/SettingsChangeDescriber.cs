namespace Lucy.Portal.Core.Settings;

/// <summary>
/// Turns two versions of the settings row into audit lines ("Lockout minutes: 5 → 15"). Secrets are compared by
/// their protected payload and described only as "set (••••1234)", "set" or "removed": never the value.
/// </summary>
internal sealed class SettingsChangeDescriber(SettingsSecretProtector protector)
{
    private sealed record Described(string Setting, object? Value, string Display);

    public IReadOnlyList<string> Changes(AdvancedSettingsRow before, AdvancedSettingsRow after)
    {
        var old = Describe(before);
        var now = Describe(after);
        var changes = new List<string>();
        for (var i = 0; i < old.Count; i++)
        {
            if (!Equals(old[i].Value, now[i].Value))
            {
                changes.Add(now[i].Value is null && old[i].Display.StartsWith("set", StringComparison.Ordinal)
                    ? $"{now[i].Setting}: removed"
                    : $"{now[i].Setting}: {old[i].Display} → {now[i].Display}");
            }
        }
        return changes;
    }

    private List<Described> Describe(AdvancedSettingsRow row)
    {
        var authyKey = protector.UnprotectAuthyApiKey(row.ProtectedAuthyApiKey);
        var twilioAuthToken = protector.UnprotectTwilioAuthToken(row.ProtectedTwilioAuthToken);
        return
        [
            new("2FA provider", row.TwoFactorProvider, row.TwoFactorProvider.ToString()),
            new("Authy API key", row.ProtectedAuthyApiKey, authyKey is null ? "not set" : $"set ({SecretMask.LastFour(authyKey)})"),
            new("Authy key source", row.AuthyKeyIsSharedEvaluationKey,
                row.AuthyKeyIsSharedEvaluationKey ? "shared evaluation key" : "own key"),
            new("Twilio Account SID", row.TwilioAccountSid, row.TwilioAccountSid is null ? "not set" : $"set ({SecretMask.LastFour(row.TwilioAccountSid)})"),
            new("Twilio Auth Token", row.ProtectedTwilioAuthToken,
                twilioAuthToken is null ? (row.ProtectedTwilioAuthToken is null ? "not set" : "set") : $"set ({SecretMask.LastFour(twilioAuthToken)})"),
            new("Twilio Verify Service SID", row.TwilioServiceSid, row.TwilioServiceSid ?? "not set"),
            new("Time zone", row.TimeZoneId, row.TimeZoneId),
            new("Date format", row.DateFormat, row.DateFormat),
            new("Proxy enabled", row.ProxyEnabled, OnOff(row.ProxyEnabled)),
            new("Proxy URL", row.ProxyUrl, row.ProxyUrl ?? "none"),
            new("Proxy username", row.ProxyUserName, row.ProxyUserName ?? "none"),
            new("Proxy password", row.ProtectedProxyPassword, row.ProtectedProxyPassword is null ? "not set" : "set"),
            new("Password minimum length", row.PasswordMinimumLength, row.PasswordMinimumLength.ToString()),
            new("Password rotation days", row.PasswordRotationDays, row.PasswordRotationDays == 0 ? "off" : row.PasswordRotationDays.ToString()),
            new("Failed attempts before lockout", row.MaxFailedAccessAttempts, row.MaxFailedAccessAttempts.ToString()),
            new("Lockout minutes", row.LockoutMinutes, row.LockoutMinutes.ToString()),
            new("Remember device", row.RememberDeviceAllowed, OnOff(row.RememberDeviceAllowed)),
            new("Remember device days", row.RememberDeviceDays, row.RememberDeviceDays.ToString()),
            new("Session absolute lifetime hours", row.SessionAbsoluteHours, row.SessionAbsoluteHours.ToString()),
            new("Session idle timeout minutes", row.SessionIdleMinutes, row.SessionIdleMinutes.ToString()),
            new("Security image", row.SecurityImageEnabled, OnOff(row.SecurityImageEnabled)),
            new("Failed attempts before the security image", row.SecurityImageAfterFailures, row.SecurityImageAfterFailures.ToString()),
            new("2FA required for", row.TwoFactorRequiredFor, row.TwoFactorRequiredFor.ToString()),
            new("2FA grace days for administrators", row.TwoFactorAdministratorGraceDays, row.TwoFactorAdministratorGraceDays.ToString()),
            new("2FA grace days for everyone", row.TwoFactorEveryoneGraceDays, row.TwoFactorEveryoneGraceDays.ToString()),
            new("Step-up minutes", row.StepUpMinutes, row.StepUpMinutes.ToString()),
            new("Audit log retention days", row.AuditRetentionDays, row.AuditRetentionDays.ToString()),
            new("Administrators must use a passkey", row.AdministratorsRequirePasskey, OnOff(row.AdministratorsRequirePasskey)),
        ];
    }

    private static string OnOff(bool value) => value ? "on" : "off";
}
