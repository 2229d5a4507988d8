using Lucy.Portal.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>Maps <see cref="AuthenticatorKey"/> to the AuthenticatorKeys table, one row per user.</summary>
internal sealed class AuthenticatorKeyConfiguration : IEntityTypeConfiguration<AuthenticatorKey>
{
    public void Configure(EntityTypeBuilder<AuthenticatorKey> key)
    {
        key.ToTable("AuthenticatorKeys");
        key.HasKey(k => k.UserId);
        // Data Protection output for a 20-byte seed is well under this; the margin allows a bigger key ring payload.
        key.Property(k => k.ProtectedSeed).HasMaxLength(1000);
        key.Property(k => k.PendingProtectedSeed).HasMaxLength(1000);
        key.HasOne<PortalUser>().WithOne().HasForeignKey<AuthenticatorKey>(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
