using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lucy.Portal.Core.Mail;

/// <summary>Maps the mail settings row; picked up by PortalDbContext.ApplyConfigurationsFromAssembly.</summary>
internal sealed class MailSettingsRowConfiguration : IEntityTypeConfiguration<MailSettingsRow>
{
    public void Configure(EntityTypeBuilder<MailSettingsRow> settings)
    {
        settings.ToTable("MailSettings");
        settings.HasKey(s => s.Id);
        settings.Property(s => s.Id).ValueGeneratedNever();
        settings.Property(s => s.Host).HasMaxLength(MailSettingsRules.HostMaxLength);
        settings.Property(s => s.Security).HasConversion<string>().HasMaxLength(20);
        settings.Property(s => s.UserName).HasMaxLength(MailSettingsRules.CredentialMaxLength);
        settings.Property(s => s.ProtectedPassword).HasMaxLength(2000);
        settings.Property(s => s.SenderAddress).HasMaxLength(MailSettingsRules.AddressMaxLength);
        settings.Property(s => s.UpdatedBy).HasMaxLength(256);
    }
}

/// <summary>Maps the outbox; the index serves the sender's "what is due" query.</summary>
internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> outbox)
    {
        outbox.ToTable("MailOutbox");
        outbox.HasKey(m => m.Id);
        outbox.Property(m => m.To).HasMaxLength(MailSettingsRules.AddressMaxLength);
        outbox.Property(m => m.Subject).HasMaxLength(300);
        outbox.Property(m => m.Purpose).HasMaxLength(60);
        outbox.Property(m => m.UserId).HasMaxLength(450);
        outbox.Property(m => m.ClaimedBy).HasMaxLength(40);
        outbox.Property(m => m.LastError).HasMaxLength(500);
        outbox.HasIndex(m => new { m.SentAt, m.GaveUpAt, m.NextAttemptAt });
    }
}

internal sealed class AccountLinkConfiguration : IEntityTypeConfiguration<AccountLink>
{
    public void Configure(EntityTypeBuilder<AccountLink> link)
    {
        link.ToTable("AccountLinks");
        link.HasKey(l => l.Id);
        link.Property(l => l.UserId).HasMaxLength(450);
        link.Property(l => l.Purpose).HasConversion<string>().HasMaxLength(20);
        link.Property(l => l.TokenHash).HasMaxLength(64);
        link.Property(l => l.SecurityStamp).HasMaxLength(256);
        link.HasIndex(l => l.TokenHash).IsUnique();
        link.HasIndex(l => new { l.UserId, l.CreatedAt });
    }
}

internal sealed class PasswordResetRequestConfiguration : IEntityTypeConfiguration<PasswordResetRequest>
{
    public void Configure(EntityTypeBuilder<PasswordResetRequest> request)
    {
        request.ToTable("PasswordResetRequests");
        request.HasKey(r => r.Id);
        request.Property(r => r.AddressHash).HasMaxLength(64);
        request.HasIndex(r => new { r.AddressHash, r.RequestedAt });
    }
}
