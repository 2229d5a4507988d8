namespace Lucy.Portal.Core.TwoFactor;

/// <summary>What the Account page shows about a user's 2FA: on or off, which method, recovery codes left.</summary>
public sealed record TwoFactorStatus(bool Enabled, EnrollmentMethod? Method, int RecoveryCodesLeft)
{
    public const int LowRecoveryCodes = 3;

    public static TwoFactorStatus Off { get; } = new(false, null, 0);

    /// <summary>True when the user should regenerate soon (at most <see cref="LowRecoveryCodes"/> left).</summary>
    public bool RecoveryCodesRunningLow => Enabled && RecoveryCodesLeft <= LowRecoveryCodes;
}
