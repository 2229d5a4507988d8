namespace Lucy.Portal.Core.TwoFactor;

/// <summary>One single-use recovery code, stored only as a salted PBKDF2 hash (SP 800-63B look-up secrets, ASVS 2.6).</summary>
public sealed class RecoveryCode
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required byte[] Salt { get; set; }
    public required byte[] Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set once when the code signs someone in; a used code never works again.</summary>
    public DateTimeOffset? UsedAt { get; set; }
}
