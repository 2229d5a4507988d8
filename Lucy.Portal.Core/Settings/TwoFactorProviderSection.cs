using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Settings;

/// <summary>Which second-factor provider is in use. Authy needs a stored key, Twilio Verify stored credentials; the built-in authenticator needs none.</summary>
public sealed record TwoFactorProviderSection(TwoFactorProviderKind Provider) : ISettingsSection
{
    public IReadOnlyList<FieldError> Validate(AdvancedSettingsRow current) => FieldErrors.Of(
        (SettingsFields.TwoFactorProvider, Enum.IsDefined(Provider) ? null : SettingsStrings.Provider_Choose),
        (SettingsFields.TwoFactorProvider, Provider == TwoFactorProviderKind.Authy && current.ProtectedAuthyApiKey is null
            ? SettingsStrings.Provider_SaveAuthyKeyFirst
            : null),
        (SettingsFields.TwoFactorProvider, Provider == TwoFactorProviderKind.TwilioVerify
            && (current.TwilioAccountSid is null || current.ProtectedTwilioAuthToken is null || current.TwilioServiceSid is null)
            ? SettingsStrings.Provider_SaveTwilioFirst
            : null));

    public void ApplyTo(AdvancedSettingsRow row, SettingsSecretProtector protector) => row.TwoFactorProvider = Provider;
}
