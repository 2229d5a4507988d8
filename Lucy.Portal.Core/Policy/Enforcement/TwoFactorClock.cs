using Lucy.Portal.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lucy.Portal.Core.Policy.Enforcement;

/// <summary>
/// When a 2FA rule first applied to a user: their deadline is this moment plus the shortest grace of the rules that
/// apply now. Kept while a rule applies (enrolled or not), removed when none does; see docs/two-factor-policy.md.
/// </summary>
public sealed class TwoFactorClock
{
    public string UserId { get; set; } = "";
    public DateTimeOffset RequiredSince { get; set; }
}

/// <summary>Maps <see cref="TwoFactorClock"/> to the TwoFactorClocks table, one row per user.</summary>
internal sealed class TwoFactorClockConfiguration : IEntityTypeConfiguration<TwoFactorClock>
{
    public void Configure(EntityTypeBuilder<TwoFactorClock> clock)
    {
        clock.ToTable("TwoFactorClocks");
        clock.HasKey(c => c.UserId);
        clock.Property(c => c.UserId).HasMaxLength(450);
        clock.HasOne<PortalUser>().WithOne().HasForeignKey<TwoFactorClock>(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
