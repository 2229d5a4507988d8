namespace Lucy.Portal.Core.Settings;

/// <summary>Which second-factor provider the portal uses for new enrollments and logins.</summary>
public enum TwoFactorProviderKind
{
    /// <summary>Local RFC 6238 authenticator: needs no key and sends nothing outside (the private default).</summary>
    BuiltInAuthenticator = 0,
    /// <summary>Twilio Authy API (legacy customers only: closed to new customers).</summary>
    Authy = 1,
    /// <summary>Twilio Verify v2: SMS or voice codes; Authy's successor for new customers.</summary>
    TwilioVerify = 2,
}
