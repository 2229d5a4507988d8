using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lucy.Portal.Core.Settings;

/// <summary>Maps the advanced settings row; picked up by PortalDbContext.ApplyConfigurationsFromAssembly.</summary>
internal sealed class AdvancedSettingsRowConfiguration : IEntityTypeConfiguration<AdvancedSettingsRow>
{
    public void Configure(EntityTypeBuilder<AdvancedSettingsRow> settings)
    {
        settings.ToTable("AdvancedSettings");
        settings.HasKey(s => s.Id);
        settings.Property(s => s.Id).ValueGeneratedNever();
        settings.Property(s => s.TwoFactorProvider).HasConversion<string>().HasMaxLength(40);
        // Data Protection payloads are base64url and grow with the key ring's header; 2000 leaves room.
        settings.Property(s => s.ProtectedAuthyApiKey).HasMaxLength(2000);
        settings.Property(s => s.TwilioAccountSid).HasMaxLength(SettingsDefaults.TwilioSidLength);
        settings.Property(s => s.ProtectedTwilioAuthToken).HasMaxLength(2000);
        settings.Property(s => s.TwilioServiceSid).HasMaxLength(SettingsDefaults.TwilioSidLength);
        settings.Property(s => s.TimeZoneId).HasMaxLength(100);
        settings.Property(s => s.DateFormat).HasMaxLength(50);
        settings.Property(s => s.ProxyUrl).HasMaxLength(SettingsDefaults.ProxyUrlMaxLength);
        settings.Property(s => s.ProxyUserName).HasMaxLength(SettingsDefaults.ProxyCredentialMaxLength);
        settings.Property(s => s.ProtectedProxyPassword).HasMaxLength(2000);
        settings.Property(s => s.UpdatedBy).HasMaxLength(256);
    }
}
