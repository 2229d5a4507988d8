using Lucy.Portal.Core.TwoFactor;

namespace Lucy.Portal.Core.Accounts;

public enum PhoneChangeOutcome
{
    Saved = 0,
    Unchanged = 1,
    /// <summary>The number (or country) is not a valid mobile number; nothing was saved.</summary>
    InvalidNumber = 2,
    /// <summary>2FA is on: a current code is needed before the number can change.</summary>
    CodeRequired = 3,
    /// <summary>The current code was refused (see <see cref="PhoneChangeResult.CodeCheck"/>); nothing was saved.</summary>
    CodeRefused = 4,
}

/// <summary>The outcome of saving a phone number, with the message for the field concerned.</summary>
public sealed class PhoneChangeResult
{
    public required PhoneChangeOutcome Outcome { get; init; }

    /// <summary>Message for the country picker.</summary>
    public string? CountryError { get; init; }

    /// <summary>Message for the number field.</summary>
    public string? NumberError { get; init; }

    /// <summary>Message for the current-code field.</summary>
    public string? CodeError { get; init; }

    public CurrentFactorCheck? CodeCheck { get; init; }

    /// <summary>The user had Twilio Verify on the old number: 2FA is now off and must be configured again for the new one.</summary>
    public bool TwoFactorReset { get; init; }

    public bool Succeeded => Outcome is PhoneChangeOutcome.Saved or PhoneChangeOutcome.Unchanged;
}
