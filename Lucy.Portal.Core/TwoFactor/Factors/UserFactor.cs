using Lucy.Portal.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>
/// One second factor a user holds: which method, the name they gave it, whether the prompt offers it first, and when
/// it was added and last used. Only the registry: secrets stay where each method keeps them (the authenticator key
/// in its own table, the authy_id and the Verify confirmation on the user).
/// </summary>
public sealed class UserFactor
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public EnrollmentMethod Method { get; set; }
    public required string Name { get; set; }
    public bool IsDefault { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public const int MaxNameLength = 64;
}

internal sealed class UserFactorConfiguration : IEntityTypeConfiguration<UserFactor>
{
    public void Configure(EntityTypeBuilder<UserFactor> factor)
    {
        factor.ToTable("UserFactors");
        factor.Property(f => f.Method).HasConversion<string>().HasMaxLength(32);
        factor.Property(f => f.Name).HasMaxLength(UserFactor.MaxNameLength);
        // One factor per method and user: a second authenticator replaces the first through the wizard's own rules.
        factor.HasIndex(f => new { f.UserId, f.Method }).IsUnique();
        factor.HasOne<PortalUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
