using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>
/// One second-factor method behind the seam: is it available here, is it offered to this user, check a code, send a
/// code when it has a channel, remove it. Counting, lockout, audit and replay rules are applied once around it
/// (<c>TwoFactorLogin</c>, <see cref="TwoFactorAccountService"/>), never inside.
/// </summary>
public interface ISecondFactorMethod
{
    EnrollmentMethod Method { get; }

    /// <summary>What the user reads for the method ("Authenticator app").</summary>
    string DisplayName { get; }

    FactorCapabilities Capabilities { get; }

    /// <summary>The portal can use the method at all (its provider is configured); the wizard offers only these.</summary>
    Task<bool> IsAvailableAsync(CancellationToken ct = default);

    /// <summary>The user holds a confirmed key or registration for the method, whether or not the provider is configured now.</summary>
    Task<bool> IsEnrolledAsync(PortalUser user, CancellationToken ct = default);

    /// <summary>What the token prompt offers this user for the method, or null when the user cannot use it now.</summary>
    Task<FactorOffer?> OfferAsync(PortalUser user, CancellationToken ct = default);

    /// <summary>The code in the form the method checks (separators stripped), or null when the input cannot be one.</summary>
    string? NormalizeCode(string? input);

    /// <summary>The field message for input <see cref="NormalizeCode"/> refused; nothing was checked or counted.</summary>
    string MalformedMessage { get; }

    /// <summary>Checks a normalized code. Only the outcome: the caller counts, locks out and audits.</summary>
    Task<FactorCheckOutcome> CheckCodeAsync(PortalUser user, string code, CancellationToken ct = default);

    /// <summary>How the Configure 2FA wizard presents the method to this user, and what they must do first, if anything.</summary>
    EnrollmentChoice DescribeEnrollment(PortalUser user);

    /// <summary>Forgets the user's key or registration for the method (and deletes it at the provider where it should).</summary>
    Task RemoveAsync(PortalUser user, string? ipAddress, CancellationToken ct = default);
}

/// <summary>A method that can send the user a code (SMS or call) on request.</summary>
public interface ICodeSendingMethod : ISecondFactorMethod
{
    /// <summary>Sends one code. Only the send: the caller reserves and releases the per-account cap and audits.</summary>
    Task<CodeSend> SendCodeAsync(PortalUser user, CodeChannel channel, CancellationToken ct = default);
}

/// <summary>How a method is used; the prompt picks its panel from these, not from the method's name.</summary>
[Flags]
public enum FactorCapabilities
{
    None = 0,
    /// <summary>The user types a one-time code.</summary>
    Code = 1,
    /// <summary>The method sends a code on request (see <see cref="FactorOffer.Channels"/>).</summary>
    SendsCode = 2,
    /// <summary>The user approves a push on a device (Authy OneTouch).</summary>
    Push = 4,
    /// <summary>The browser proves possession with a signed assertion (passkeys), no code typed; offered first.</summary>
    Assertion = 8,
    /// <summary>A fallback for the other methods (recovery codes): offered last, never a default, not listed as a factor.</summary>
    Fallback = 16,
    /// <summary>Works without any outside service: nothing about the login leaves the system (the wizard recommends these).</summary>
    Local = 32,
}

/// <summary>One method the Configure 2FA wizard offers, as its step one shows it.</summary>
public sealed record EnrollmentChoice(EnrollmentMethod Method, string Label, string Description)
{
    /// <summary>A short note after the label ("the Authy app, or codes by SMS").</summary>
    public string? LabelNote { get; init; }

    public bool Recommended { get; init; }

    /// <summary>What the user must do before choosing the method (save a mobile number), or null when they can choose it.</summary>
    public string? Blocker { get; init; }
}

/// <summary>One method the token prompt offers a pending user.</summary>
public sealed record FactorOffer(EnrollmentMethod Method, string Name, FactorCapabilities Capabilities)
{
    /// <summary>How the method can send a code now (empty when it sends none).</summary>
    public IReadOnlyList<CodeChannel> Channels { get; init; } = [];

    /// <summary>The code field's label and help text at the prompt, for code-based methods.</summary>
    public string CodeLabel { get; init; } = "Code";
    public string CodeHint { get; init; } = "";

    /// <summary>Digits only (a numeric keyboard on phones); recovery codes have letters.</summary>
    public bool NumericCode { get; init; } = true;

    public bool Has(FactorCapabilities capability) => (Capabilities & capability) == capability;
}

/// <summary>The outcome of a send, for the caller to audit and word; never carries the code.</summary>
public sealed record CodeSend(bool Sent, string Message)
{
    /// <summary>What the audit row adds (the provider and its refusal), never a phone number or a code.</summary>
    public string? AuditDetail { get; init; }

    /// <summary>What else the user can do when the send failed ("You can also use a recovery code.").</summary>
    public string Fallback { get; init; } = TwoFactorStrings.Fallback_RecoveryCode;
}

/// <summary>The one vocabulary of what a method says about a code, for the login and for the account's re-verification.</summary>
public enum FactorCheckOutcome
{
    Accepted,
    /// <summary>A wrong code: a guess, counted toward lockout.</summary>
    Wrong,
    /// <summary>A code already used (its time step, or at the provider): refused and counted.</summary>
    Replayed,
    /// <summary>The user does not have this method now (not enrolled, or its provider is not configured).</summary>
    NotAvailable,
    ProviderUnavailable,
    /// <summary>The provider no longer knows the user (Authy 60026).</summary>
    ProviderLostUser,
    /// <summary>No code is pending at the provider (expired or used): send a new one.</summary>
    CodeExpired,
    TooManySends,
    TooManyChecks,
    ProviderThrottled,
}

public static class FactorCheckOutcomes
{
    /// <summary>True for the outcomes that are a guess at the code and so count toward lockout.</summary>
    public static bool IsGuess(this FactorCheckOutcome outcome) =>
        outcome is FactorCheckOutcome.Accepted or FactorCheckOutcome.Wrong or FactorCheckOutcome.Replayed;
}
