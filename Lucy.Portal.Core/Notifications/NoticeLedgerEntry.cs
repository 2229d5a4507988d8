using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lucy.Portal.Core.Notifications;

/// <summary>
/// A notice that must go out at most once per occasion (one lockout, one hour of suspicious codes). The unique key
/// makes the first writer win on every instance.
/// </summary>
public sealed class NoticeLedgerEntry
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public UserNoticeKind Kind { get; set; }
    /// <summary>What makes the occasion: the lockout's end, or the hour.</summary>
    public string Occasion { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}

internal sealed class NoticeLedgerEntryConfiguration : IEntityTypeConfiguration<NoticeLedgerEntry>
{
    public void Configure(EntityTypeBuilder<NoticeLedgerEntry> entry)
    {
        entry.ToTable("NoticeLedger");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.UserId).HasMaxLength(450);
        entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(60);
        entry.Property(e => e.Occasion).HasMaxLength(64);
        entry.HasIndex(e => new { e.UserId, e.Kind, e.Occasion }).IsUnique();
    }
}
