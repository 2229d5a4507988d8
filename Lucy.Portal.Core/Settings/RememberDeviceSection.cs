namespace Lucy.Portal.Core.Settings;

/// <summary>Whether users may skip the second factor on a remembered device, and for how long.</summary>
public sealed record RememberDeviceSection(bool Allowed, int Days) : ISettingsSection
{
    public IReadOnlyList<FieldError> Validate(AdvancedSettingsRow current) => FieldErrors.Of(
        (SettingsFields.RememberDeviceDays, SettingsRules.RememberDeviceDays(Days)));

    public void ApplyTo(AdvancedSettingsRow row, SettingsSecretProtector protector)
    {
        row.RememberDeviceAllowed = Allowed;
        row.RememberDeviceDays = Days;
    }
}
