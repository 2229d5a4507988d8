namespace Lucy.Portal.Core.TwoFactor;

/// <summary>The outcome of checking a login code from the built-in authenticator.</summary>
public enum AuthenticatorVerification
{
    Accepted = 0,
    InvalidCode = 1,
    /// <summary>The code's time step (or a later one) was already accepted: a replay, audited.</summary>
    ReplayedCode = 2,
    /// <summary>The user has no active authenticator seed.</summary>
    NotEnrolled = 3,
}
