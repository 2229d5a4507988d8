namespace Lucy.Portal.Core.Settings;

/// <summary>
/// The proxy for outbound calls. The password is write-only: <see cref="NewPassword"/> null or empty keeps the
/// stored one, <see cref="RemovePassword"/> deletes it.
/// </summary>
public sealed record ProxySection(bool Enabled, string? Url, string? UserName, string? NewPassword = null, bool RemovePassword = false)
    : ISettingsSection
{
    public IReadOnlyList<FieldError> Validate(AdvancedSettingsRow current) => FieldErrors.Of(
        (SettingsFields.ProxyUrl, SettingsRules.ProxyUrl(Url, Enabled)),
        (SettingsFields.ProxyUserName, SettingsRules.ProxyCredential(UserName)),
        (SettingsFields.ProxyPassword, SettingsRules.ProxyCredential(NewPassword)));

    public void ApplyTo(AdvancedSettingsRow row, SettingsSecretProtector protector)
    {
        row.ProxyEnabled = Enabled;
        row.ProxyUrl = string.IsNullOrWhiteSpace(Url) ? null : Url.Trim();
        row.ProxyUserName = string.IsNullOrWhiteSpace(UserName) ? null : UserName.Trim();
        if (RemovePassword)
        {
            row.ProtectedProxyPassword = null;
        }
        else if (!string.IsNullOrEmpty(NewPassword))
        {
            row.ProtectedProxyPassword = protector.ProtectProxyPassword(NewPassword);
        }
    }
}
