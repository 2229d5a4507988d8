using Lucy.Portal.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>Maps <see cref="RecoveryCode"/> to the RecoveryCodes table.</summary>
internal sealed class RecoveryCodeConfiguration : IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<RecoveryCode> code)
    {
        code.ToTable("RecoveryCodes");
        code.Property(c => c.Salt).HasMaxLength(RecoveryCodeHasher.SaltBytes);
        code.Property(c => c.Hash).HasMaxLength(RecoveryCodeHasher.HashBytes);
        code.HasIndex(c => c.UserId);
        code.HasOne<PortalUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
