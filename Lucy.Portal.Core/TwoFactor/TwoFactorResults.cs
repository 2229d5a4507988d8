namespace Lucy.Portal.Core.TwoFactor;

/// <summary>The outcome of the first code that confirms a new authenticator in the wizard.</summary>
public enum EnrollmentCodeResult
{
    Confirmed = 0,
    /// <summary>Not six digits: shown as a field message, not counted toward lockout.</summary>
    Malformed = 1,
    /// <summary>Wrong code: counted toward lockout.</summary>
    InvalidCode = 2,
    /// <summary>Too many wrong codes: the account is locked and every session has been ended.</summary>
    LockedOut = 3,
    /// <summary>The pending key was replaced (another tab started over) or never started: start again.</summary>
    NoPendingEnrollment = 4,
}

/// <summary>The outcome of asking for a current code (authenticator or recovery code) before a sensitive change.</summary>
public enum CurrentFactorCheck
{
    Accepted = 0,
    /// <summary>Neither six digits nor a recovery code: not counted toward lockout.</summary>
    Malformed = 1,
    /// <summary>Wrong, reused or already-used code: counted toward lockout.</summary>
    InvalidCode = 2,
    /// <summary>Too many wrong codes: the account is locked and every session has been ended.</summary>
    LockedOut = 3,
    /// <summary>The user has no 2FA to check against.</summary>
    NotEnabled = 4,
    /// <summary>The outside provider (Authy) could not answer: not counted; try again or use a recovery code.</summary>
    ProviderUnavailable = 5,
    /// <summary>The code came from the factor being removed: only another factor or a recovery code may remove one. Not counted.</summary>
    SameFactor = 7,
    /// <summary>Twilio Verify has no pending code for the phone (none sent, expired or used): not counted; send a new one.</summary>
    CodeExpired = 6,
}

/// <summary>New recovery codes after a verified request; a class so that logging it never prints the codes.</summary>
public sealed class RecoveryCodeRegeneration
{
    public required CurrentFactorCheck Check { get; init; }

    /// <summary>The new codes, shown once; empty unless <see cref="Check"/> is Accepted.</summary>
    public IReadOnlyList<string> Codes { get; init; } = [];
}
