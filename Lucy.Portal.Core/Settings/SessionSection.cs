namespace Lucy.Portal.Core.Settings;

/// <summary>How long a sign-in lasts: at most <see cref="AbsoluteHours"/>, and <see cref="IdleMinutes"/> without activity.</summary>
public sealed record SessionSection(int AbsoluteHours, int IdleMinutes) : ISettingsSection
{
    public IReadOnlyList<FieldError> Validate(AdvancedSettingsRow current) => FieldErrors.Of(
        (SettingsFields.SessionAbsoluteHours, SettingsRules.SessionAbsoluteHours(AbsoluteHours)),
        (SettingsFields.SessionIdleMinutes, SettingsRules.SessionIdleMinutes(IdleMinutes, AbsoluteHours)));

    public void ApplyTo(AdvancedSettingsRow row, SettingsSecretProtector protector)
    {
        row.SessionAbsoluteHours = AbsoluteHours;
        row.SessionIdleMinutes = IdleMinutes;
    }
}
