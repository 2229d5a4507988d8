using Lucy.Portal.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lucy.Portal.Core.Sessions;

/// <summary>Maps <see cref="UserSession"/> to the UserSessions table.</summary>
internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public const int UserAgentMaxLength = 512;

    public void Configure(EntityTypeBuilder<UserSession> session)
    {
        session.ToTable("UserSessions");
        session.HasKey(s => s.Id);
        session.Property(s => s.Id).ValueGeneratedNever();
        session.Property(s => s.UserId).HasMaxLength(450);
        session.Property(s => s.EndReason).HasMaxLength(40);
        session.Property(s => s.UserAgent).HasMaxLength(UserAgentMaxLength);
        session.Property(s => s.IpAddress).HasMaxLength(64);
        session.Property(s => s.SecurityStamp).HasMaxLength(256);
        session.HasIndex(s => s.UserId);
        session.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
