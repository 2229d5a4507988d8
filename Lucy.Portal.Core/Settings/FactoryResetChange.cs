namespace Lucy.Portal.Core.Settings;

/// <summary>Every setting back to its default, after the administrator typed the confirmation text.</summary>
internal sealed record FactoryResetChange(string? Confirmation) : ISettingsSection
{
    public IReadOnlyList<FieldError> Validate(AdvancedSettingsRow current) => FieldErrors.Of(
        (SettingsFields.Confirmation, SettingsRules.FactoryResetConfirmation(Confirmation)));

    public void ApplyTo(AdvancedSettingsRow row, SettingsSecretProtector protector) => row.ResetToDefaults();
}
