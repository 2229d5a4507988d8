namespace Lucy.Portal.Core.Settings;

/// <summary>Stores an Authy key that Authy has already accepted (and switches to Authy), or removes the key (back to the built-in authenticator).</summary>
internal sealed class AuthyKeyChange : ISettingsSection
{
    private readonly string? apiKey;
    private readonly bool isSharedEvaluationKey;

    private AuthyKeyChange(string? apiKey, bool isSharedEvaluationKey)
    {
        this.apiKey = apiKey;
        this.isSharedEvaluationKey = isSharedEvaluationKey;
    }

    public static AuthyKeyChange Store(string checkedKey, bool isSharedEvaluationKey) => new(checkedKey, isSharedEvaluationKey);

    public static AuthyKeyChange Remove() => new(null, false);

    public IReadOnlyList<FieldError> Validate(AdvancedSettingsRow current) =>
        apiKey is null ? [] : FieldErrors.Of((SettingsFields.AuthyApiKey, SettingsRules.AuthyApiKey(apiKey)));

    public void ApplyTo(AdvancedSettingsRow row, SettingsSecretProtector protector)
    {
        row.ProtectedAuthyApiKey = apiKey is null ? null : protector.ProtectAuthyApiKey(apiKey);
        row.AuthyKeyIsSharedEvaluationKey = apiKey is not null && isSharedEvaluationKey;
        row.TwoFactorProvider = apiKey is not null ? TwoFactorProviderKind.Authy
            // Removing the Authy key leaves another provider in use (Twilio Verify) alone.
            : row.TwoFactorProvider == TwoFactorProviderKind.Authy ? TwoFactorProviderKind.BuiltInAuthenticator
            : row.TwoFactorProvider;
    }

    // Never print the key, whatever logs or debuggers do with this object.
    public override string ToString() => apiKey is null ? "Remove Authy key" : "Store Authy key";
}
