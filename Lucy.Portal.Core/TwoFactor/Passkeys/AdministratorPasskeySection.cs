using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Core.TwoFactor.Passkeys;

/// <summary>The switch "administrators must use a phishing-resistant factor (passkey)".</summary>
public sealed record AdministratorPasskeySection(bool Required) : ISettingsSection
{
    public IReadOnlyList<FieldError> Validate(AdvancedSettingsRow current) => [];

    public void ApplyTo(AdvancedSettingsRow row, SettingsSecretProtector protector) => row.AdministratorsRequirePasskey = Required;
}
