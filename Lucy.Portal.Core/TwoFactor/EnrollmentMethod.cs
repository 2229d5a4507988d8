namespace Lucy.Portal.Core.TwoFactor;

/// <summary>
/// The second-factor methods, one per <see cref="ISecondFactorMethod"/>: what the wizard enrolls, the token prompt
/// offers and the audit names. (The name is kept from when it listed only what the wizard enrolls.)
/// </summary>
public enum EnrollmentMethod
{
    /// <summary>Any authenticator app (Authy app, Google/Microsoft Authenticator, 1Password…) with the built-in TOTP; nothing leaves the system.</summary>
    BuiltInAuthenticator = 0,

    /// <summary>Authy (the Authy app, codes by SMS or call, OneTouch push); offered when an Authy key is configured and the user saved a phone.</summary>
    Authy = 1,

    /// <summary>Codes by SMS or call from Twilio Verify to the saved mobile number; offered when Verify is the provider.</summary>
    TwilioVerify = 2,

    /// <summary>The single-use recovery codes: a fallback for every other method, never a factor of its own.</summary>
    RecoveryCode = 3,
    /// <summary>A passkey (WebAuthn) on the device or a security key: phishing-resistant; nothing leaves this system.</summary>
    Passkey = 4,
}
