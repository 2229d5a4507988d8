using Lucy.Portal.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lucy.Portal.Core.SignIn;

/// <summary>One request to send a code by SMS or call, or a OneTouch push; kept to cap sends per account.</summary>
public sealed class OtpDelivery
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string Channel { get; set; }
    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>1, 2, 3… per account; unique with the account, so two prompts can never reserve the same next send.</summary>
    public int Sequence { get; set; }
}

internal sealed class OtpDeliveryConfiguration : IEntityTypeConfiguration<OtpDelivery>
{
    public void Configure(EntityTypeBuilder<OtpDelivery> delivery)
    {
        delivery.ToTable("OtpDeliveries");
        delivery.Property(d => d.Channel).HasMaxLength(16);
        delivery.HasIndex(d => new { d.UserId, d.RequestedAt });
        delivery.HasIndex(d => new { d.UserId, d.Sequence }).IsUnique();
        delivery.HasOne<PortalUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
