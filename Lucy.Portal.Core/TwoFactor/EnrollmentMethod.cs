namespace Lucy.Portal.Core.TwoFactor;

/// <summary>The second factors a user can enroll with in the Configure 2FA wizard.</summary>
public enum EnrollmentMethod
{
    /// <summary>Any authenticator app (Authy app, Google/Microsoft Authenticator, 1Password…) with the built-in TOTP; nothing leaves the system.</summary>
    BuiltInAuthenticator = 0,

    /// <summary>Authy (the Authy app, or codes by SMS); offered when an Authy key is configured and the user saved a phone.</summary>
    Authy = 1,

    /// <summary>Codes by SMS or call from Twilio Verify to the saved mobile number; offered when Verify is the provider.</summary>
    TwilioVerify = 2,

    /// <summary>A passkey (WebAuthn) on the device or a security key: phishing-resistant; nothing leaves this system.</summary>
    Passkey = 3,
}
