using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Core.Policy.Enforcement;

/// <summary>The 2FA policy card of Advanced Settings: who must use 2FA, the grace periods and the step-up window.</summary>
public sealed record TwoFactorPolicySection(TwoFactorPolicy Policy) : ISettingsSection
{
    public IReadOnlyList<FieldError> Validate(AdvancedSettingsRow current) =>
        Policy.Validate().Select(e => new FieldError(e.Field, e.Message)).ToList();

    public void ApplyTo(AdvancedSettingsRow row, SettingsSecretProtector protector)
    {
        row.TwoFactorRequiredFor = Policy.RequiredFor;
        row.TwoFactorAdministratorGraceDays = Policy.AdministratorGraceDays;
        row.TwoFactorEveryoneGraceDays = Policy.EveryoneGraceDays;
        row.StepUpMinutes = Policy.StepUpMinutes;
    }
}
