namespace Lucy.Portal.Core.Settings;

/// <summary>Password minimum length and the (discouraged, off by default) rotation period.</summary>
public sealed record PasswordSection(int MinimumLength, int RotationDays) : ISettingsSection
{
    public IReadOnlyList<FieldError> Validate(AdvancedSettingsRow current) => FieldErrors.Of(
        (SettingsFields.PasswordMinimumLength, SettingsRules.PasswordMinimumLength(MinimumLength)),
        (SettingsFields.PasswordRotationDays, SettingsRules.PasswordRotationDays(RotationDays)));

    public void ApplyTo(AdvancedSettingsRow row, SettingsSecretProtector protector)
    {
        row.PasswordMinimumLength = MinimumLength;
        row.PasswordRotationDays = RotationDays;
    }
}
