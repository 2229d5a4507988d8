using Lucy.Portal.Core.TwoFactor;

namespace Lucy.Portal.Core.Accounts;

public enum PhoneChangeOutcome
{
    /// <summary>The new number is the user's; the security stamp changed, so every other session ends.</summary>
    Saved = 0,
    Unchanged = 1,
    /// <summary>The number (or country) is not a valid mobile number; nothing was saved.</summary>
    InvalidNumber = 2,
    /// <summary>2FA is on: a current code is needed before the number can change.</summary>
    CodeRequired = 3,
    /// <summary>The current code was refused (see <see cref="PhoneChangeResult.CodeCheck"/>); nothing was saved.</summary>
    CodeRefused = 4,
    /// <summary>The new number must prove itself with a code sent to it (see <see cref="PhoneChangeResult.Pending"/>); the old one is still in force.</summary>
    ProofRequired = 5,
    /// <summary>The code for the new number was wrong (counted toward lockout); the change is still pending.</summary>
    ProofRefused = 6,
    /// <summary>The 2FA provider could not register, send or check; nothing changed, and the user may try again.</summary>
    ProviderUnavailable = 7,
    /// <summary>The send cap for codes is reached (see <see cref="PhoneChangeResult.NextAllowedAt"/>); the change is still pending.</summary>
    TooSoon = 8,
    /// <summary>The pending change expired, or the account changed meanwhile: start again. Nothing changed.</summary>
    Expired = 9,
    /// <summary>Wrong codes locked the account; every session ends.</summary>
    LockedOut = 10,
}

/// <summary>The outcome of a step of a phone change, with the message for the field concerned.</summary>
public sealed record PhoneChangeResult
{
    public required PhoneChangeOutcome Outcome { get; init; }

    /// <summary>Message for the country picker.</summary>
    public string? CountryError { get; init; }

    /// <summary>Message for the number field.</summary>
    public string? NumberError { get; init; }

    /// <summary>Message for the current-code field.</summary>
    public string? CodeError { get; init; }

    /// <summary>Message for the field of the code sent to the new number.</summary>
    public string? ProofError { get; init; }

    /// <summary>What happened, for the line under the step ("We sent a code by SMS to …", "Authy is unavailable …").</summary>
    public string? Message { get; init; }

    public CurrentFactorCheck? CodeCheck { get; init; }

    /// <summary>The change waiting for its proof; kept by the page for the next step. Null once saved or when nothing is pending.</summary>
    public PendingPhoneChange? Pending { get; init; }

    /// <summary>Once saved: the token that lets the session which made the change keep going (<see cref="Accounts.SessionRenewal"/>).</summary>
    public string? SessionRenewal { get; init; }

    /// <summary>When another code may be sent.</summary>
    public DateTimeOffset? NextAllowedAt { get; init; }

    public bool Succeeded => Outcome is PhoneChangeOutcome.Saved or PhoneChangeOutcome.Unchanged;

    public bool LockedOut => Outcome == PhoneChangeOutcome.LockedOut || CodeCheck == CurrentFactorCheck.LockedOut;
}
