namespace Lucy.Portal.Core.Settings;

/// <summary>How many days audit rows are kept; older rows are deleted by the retention job.</summary>
public sealed record AuditRetentionSection(int Days) : ISettingsSection
{
    public IReadOnlyList<FieldError> Validate(AdvancedSettingsRow current) => FieldErrors.Of(
        (SettingsFields.AuditRetentionDays, SettingsRules.AuditRetentionDays(Days)));

    public void ApplyTo(AdvancedSettingsRow row, SettingsSecretProtector protector) => row.AuditRetentionDays = Days;
}
