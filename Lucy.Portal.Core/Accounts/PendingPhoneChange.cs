using Lucy.Portal.Core.Phones;

namespace Lucy.Portal.Core.Accounts;

/// <summary>How a new number proves itself before it becomes the 2FA phone.</summary>
public enum PhoneProof
{
    /// <summary>A code from the Authy user registered for the new phone (its own authy_id).</summary>
    Authy,
    /// <summary>A Twilio Verify code sent to the new number.</summary>
    TwilioVerify,
}

/// <summary>
/// A new number that passed the current-code check but is not the user's yet: a code delivered to it must verify
/// first. Only <see cref="PhoneNumberChange"/> creates one; the page holds it (server side) between the steps, and
/// dropping it loses nothing, because until the proof the old number and factor stay in force.
/// </summary>
public sealed class PendingPhoneChange
{
    /// <summary>How long the new number has to prove itself; Verify's own verifications last as long.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    internal PendingPhoneChange(string userId, string securityStamp, PhoneNumberCheck number, PhoneProof proof, string? newAuthyId, DateTimeOffset expiresAt)
    {
        UserId = userId;
        SecurityStamp = securityStamp;
        E164 = number.E164!;
        CallingCode = number.CallingCode!.Value;
        Region = number.Region!;
        Proof = proof;
        NewAuthyId = newAuthyId;
        ExpiresAt = expiresAt;
    }

    public string UserId { get; }

    public string E164 { get; }

    public int CallingCode { get; }

    public string Region { get; }

    public PhoneProof Proof { get; }

    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The new number as the page may show it.</summary>
    public string MaskedNumber => PhoneMask.Mask(E164, CallingCode);

    /// <summary>The account's stamp when the current code passed: any later stamp change (lockout, 2FA off) voids the change.</summary>
    internal string SecurityStamp { get; }

    /// <summary>The authy_id Authy gave the new phone; it becomes the user's only once a code from it verifies.</summary>
    internal string? NewAuthyId { get; }
}
