namespace Lucy.Portal.Core.Settings;

/// <summary>Which second-factor provider is in use. Authy needs a stored key; the built-in authenticator needs none.</summary>
public sealed record TwoFactorProviderSection(TwoFactorProviderKind Provider) : ISettingsSection
{
    public IReadOnlyList<FieldError> Validate(AdvancedSettingsRow current) => FieldErrors.Of(
        (SettingsFields.TwoFactorProvider, Enum.IsDefined(Provider) ? null : "Choose a 2FA provider."),
        (SettingsFields.TwoFactorProvider, Provider == TwoFactorProviderKind.Authy && current.ProtectedAuthyApiKey is null
            ? "Save a 2FA key before switching to Authy."
            : null));

    public void ApplyTo(AdvancedSettingsRow row, SettingsSecretProtector protector) => row.TwoFactorProvider = Provider;
}
