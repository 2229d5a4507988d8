namespace Lucy.Portal.Core.TwoFactor;

/// <summary>The outcome of confirming a pending authenticator enrollment with its first code.</summary>
public enum AuthenticatorConfirmation
{
    /// <summary>The new seed is active; the caller now enables two-factor sign-in and shows recovery codes.</summary>
    Confirmed = 0,
    InvalidCode = 1,
    /// <summary>Nothing to confirm: never started, already confirmed, or replaced by a newer start.</summary>
    NoPendingEnrollment = 2,
}
