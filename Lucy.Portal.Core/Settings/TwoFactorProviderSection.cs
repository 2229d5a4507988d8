namespace Lucy.Portal.Core.Settings;

/// <summary>Which second-factor provider is in use. Authy needs a stored key, Twilio Verify stored credentials; the built-in authenticator needs none.</summary>
public sealed record TwoFactorProviderSection(TwoFactorProviderKind Provider) : ISettingsSection
{
    public IReadOnlyList<FieldError> Validate(AdvancedSettingsRow current) => FieldErrors.Of(
        (SettingsFields.TwoFactorProvider, Enum.IsDefined(Provider) ? null : "Choose a 2FA provider."),
        (SettingsFields.TwoFactorProvider, Provider == TwoFactorProviderKind.Authy && current.ProtectedAuthyApiKey is null
            ? "Save a 2FA key before switching to Authy."
            : null),
        (SettingsFields.TwoFactorProvider, Provider == TwoFactorProviderKind.TwilioVerify
            && (current.TwilioAccountSid is null || current.ProtectedTwilioAuthToken is null || current.TwilioServiceSid is null)
            ? "Save the Twilio Verify credentials before switching to Twilio Verify."
            : null));

    public void ApplyTo(AdvancedSettingsRow row, SettingsSecretProtector protector) => row.TwoFactorProvider = Provider;
}
