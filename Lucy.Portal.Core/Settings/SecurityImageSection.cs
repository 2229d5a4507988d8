namespace Lucy.Portal.Core.Settings;

/// <summary>Brute-force protection: whether the login asks for a security image, and after how many failed passwords.</summary>
public sealed record SecurityImageSection(bool Enabled, int AfterFailures) : ISettingsSection
{
    public IReadOnlyList<FieldError> Validate(AdvancedSettingsRow current) => FieldErrors.Of(
        (SettingsFields.SecurityImageAfterFailures, SettingsRules.SecurityImageAfterFailures(AfterFailures)));

    public void ApplyTo(AdvancedSettingsRow row, SettingsSecretProtector protector)
    {
        row.SecurityImageEnabled = Enabled;
        row.SecurityImageAfterFailures = AfterFailures;
    }
}
