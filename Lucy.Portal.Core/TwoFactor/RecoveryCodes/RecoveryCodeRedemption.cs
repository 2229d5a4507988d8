namespace Lucy.Portal.Core.TwoFactor;

/// <summary>The outcome of redeeming a recovery code.</summary>
public enum RecoveryCodeRedemption
{
    Redeemed = 0,
    /// <summary>Not one of the user's unused codes: wrong, already used, or from a replaced set.</summary>
    Refused = 1,
}
