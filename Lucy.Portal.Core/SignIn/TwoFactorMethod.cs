namespace Lucy.Portal.Core.SignIn;

/// <summary>The ways a user can pass the second step of the login.</summary>
public enum TwoFactorMethod
{
    /// <summary>A code from the built-in authenticator (any TOTP app).</summary>
    Authenticator,
    /// <summary>A code from the Authy app, or one Authy sent by SMS or voice call.</summary>
    AuthyCode,
    /// <summary>An approved Authy OneTouch push.</summary>
    AuthyOneTouch,
    /// <summary>A code Twilio Verify sent by SMS or call to the user's confirmed mobile number.</summary>
    VerifyCode,
    /// <summary>One of the single-use recovery codes.</summary>
    RecoveryCode,

    /// <summary>One of the user's passkeys (WebAuthn), offered first when the user has one.</summary>
    Passkey,
}
