using Lucy.Portal.Core.TwoFactor.Passkeys;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>
/// What a signed-in user offers as proof before a sensitive change (step-up, disabling 2FA, new recovery codes, removing
/// a factor): a typed code, or the answer to a passkey ceremony. Checked by
/// <see cref="TwoFactorAccountService.VerifyCurrentProofAsync"/> under one rule: counted before it is checked.
/// </summary>
public abstract record CurrentProof
{
    /// <summary>The factor the proof comes from, when known (a recovery code is typed in the same field).</summary>
    public abstract EnrollmentMethod? Method { get; }

    /// <param name="from">The factor the code comes from; the first factor that takes codes when null.</param>
    public static CurrentProof Code(string? code, EnrollmentMethod? from = null) => new TypedCode(code, from);

    public static CurrentProof Passkey(PendingPasskey? pending, string? credentialJson) => new PasskeyAnswer(pending, credentialJson);
}

public sealed record TypedCode(string? Value, EnrollmentMethod? From) : CurrentProof
{
    public override EnrollmentMethod? Method => From;

    // A record prints its members; a code must never reach a log.
    public override string ToString() => $"TypedCode {{ From = {From} }}";
}

public sealed record PasskeyAnswer(PendingPasskey? Pending, string? CredentialJson) : CurrentProof
{
    public override EnrollmentMethod? Method => EnrollmentMethod.Passkey;

    public override string ToString() => "PasskeyAnswer";
}
