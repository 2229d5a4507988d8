using Lucy.Portal.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lucy.Portal.Core.TwoFactor.Passkeys;

/// <summary>When a passkey last signed its user in; Identity's passkey row keeps no such date.</summary>
public sealed class PasskeyUse
{
    public required string UserId { get; set; }
    public required byte[] CredentialId { get; set; }
    public DateTimeOffset LastUsedAt { get; set; }
}

internal sealed class PasskeyUseConfiguration : IEntityTypeConfiguration<PasskeyUse>
{
    public void Configure(EntityTypeBuilder<PasskeyUse> use)
    {
        use.ToTable("PasskeyUses");
        use.HasKey(u => u.CredentialId);
        use.Property(u => u.CredentialId).HasMaxLength(1024);
        use.HasIndex(u => u.UserId);
        use.HasOne<PortalUser>().WithMany().HasForeignKey(u => u.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
