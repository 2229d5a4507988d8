namespace Lucy.Portal.Core.Settings;

/// <summary>
/// Stores Verify credentials that Twilio has already accepted (and switches to Twilio Verify), or removes them (back to
/// the built-in authenticator when Verify was in use).
/// </summary>
internal sealed class TwilioVerifyChange : ISettingsSection
{
    private readonly string? accountSid;
    private readonly string? authToken;
    private readonly string? serviceSid;

    private TwilioVerifyChange(string? accountSid, string? authToken, string? serviceSid)
    {
        this.accountSid = accountSid;
        this.authToken = authToken;
        this.serviceSid = serviceSid;
    }

    public static TwilioVerifyChange Store(string accountSid, string authToken, string serviceSid) => new(accountSid, authToken, serviceSid);

    public static TwilioVerifyChange Remove() => new(null, null, null);

    private bool Removes => authToken is null;

    public IReadOnlyList<FieldError> Validate(AdvancedSettingsRow current) => Removes ? [] : FieldErrors.Of(
        (SettingsFields.TwilioAccountSid, SettingsRules.TwilioAccountSid(accountSid)),
        (SettingsFields.TwilioAuthToken, SettingsRules.TwilioAuthToken(authToken)),
        (SettingsFields.TwilioServiceSid, SettingsRules.TwilioServiceSid(serviceSid)));

    public void ApplyTo(AdvancedSettingsRow row, SettingsSecretProtector protector)
    {
        row.TwilioAccountSid = accountSid;
        row.ProtectedTwilioAuthToken = authToken is null ? null : protector.ProtectTwilioAuthToken(authToken);
        row.TwilioServiceSid = serviceSid;
        row.TwoFactorProvider = !Removes ? TwoFactorProviderKind.TwilioVerify
            : row.TwoFactorProvider == TwoFactorProviderKind.TwilioVerify ? TwoFactorProviderKind.BuiltInAuthenticator
            : row.TwoFactorProvider;
    }

    // Never print the token, whatever logs or debuggers do with this object.
    public override string ToString() => Removes ? "Remove Twilio Verify credentials" : "Store Twilio Verify credentials";
}
