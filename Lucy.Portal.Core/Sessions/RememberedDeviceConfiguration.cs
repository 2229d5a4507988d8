using Lucy.Portal.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lucy.Portal.Core.Sessions;

/// <summary>Maps <see cref="RememberedDevice"/> to the RememberedDevices table.</summary>
internal sealed class RememberedDeviceConfiguration : IEntityTypeConfiguration<RememberedDevice>
{
    public void Configure(EntityTypeBuilder<RememberedDevice> device)
    {
        device.ToTable("RememberedDevices");
        device.HasKey(d => d.Id);
        device.Property(d => d.Id).ValueGeneratedNever();
        device.Property(d => d.UserId).HasMaxLength(450);
        device.Property(d => d.UserAgent).HasMaxLength(UserSessionConfiguration.UserAgentMaxLength);
        device.Property(d => d.IpAddress).HasMaxLength(64);
        device.Property(d => d.SecurityStamp).HasMaxLength(256);
        device.HasIndex(d => d.UserId);
        device.HasOne<PortalUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
