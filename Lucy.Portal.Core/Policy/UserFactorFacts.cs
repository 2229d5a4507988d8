namespace Lucy.Portal.Core.Policy;

/// <summary>What the policy needs to know about one user: role and which second factors are on record.</summary>
/// <param name="TwoFactorEnabled">Identity's switch: the login asks for a second factor (recovery codes work at the prompt).</param>
public sealed record UserFactorFacts(
    bool IsAdministrator,
    bool TwoFactorEnabled,
    bool HasAuthenticator,
    bool HasAuthy,
    bool HasTwilioVerify,
    bool HasPasskey = false);

/// <summary>Which providers can check a code right now (the provider chosen and its credentials stored).</summary>
/// <param name="AuthyUsable">Authy is the provider and its key is stored.</param>
/// <param name="TwilioVerifyUsable">Twilio Verify is the provider and its credentials are stored.</param>
public sealed record ProviderAvailability(bool AuthyUsable, bool TwilioVerifyUsable)
{
    /// <summary>
    /// True when at least one of the user's factors can still be checked. The built-in authenticator and passkeys need
    /// no provider, so they always work; Authy and Verify factors work only while their provider is in use
    /// (the token prompt offers them on the same condition).
    /// </summary>
    public bool HasUsableFactor(UserFactorFacts user) =>
        user.TwoFactorEnabled
        && (user.HasAuthenticator || user.HasPasskey || (user.HasAuthy && AuthyUsable) || (user.HasTwilioVerify && TwilioVerifyUsable));

    /// <summary>True when the user has 2FA on but every factor depends on a provider that is gone: only recovery codes still work.</summary>
    public bool IsStranded(UserFactorFacts user) =>
        user.TwoFactorEnabled && (user.HasAuthy || user.HasTwilioVerify) && !HasUsableFactor(user);
}
