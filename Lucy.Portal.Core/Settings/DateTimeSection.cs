namespace Lucy.Portal.Core.Settings;

/// <summary>The time zone and format in which the portal shows times.</summary>
public sealed record DateTimeSection(string TimeZoneId, string DateFormat) : ISettingsSection
{
    public IReadOnlyList<FieldError> Validate(AdvancedSettingsRow current) => FieldErrors.Of(
        (SettingsFields.TimeZoneId, SettingsRules.TimeZoneId(TimeZoneId)),
        (SettingsFields.DateFormat, SettingsRules.DateFormat(DateFormat)));

    public void ApplyTo(AdvancedSettingsRow row, SettingsSecretProtector protector)
    {
        row.TimeZoneId = TimeZoneId.Trim();
        row.DateFormat = DateFormat;
    }
}
