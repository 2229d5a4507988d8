using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lucy.Portal.Core.SecurityImages;

/// <summary>One failed password, counted twice: once for the email typed and once for the client address.</summary>
public sealed class FailedPasswordAttempt
{
    public long Id { get; set; }
    /// <summary>"account:" and the normalised email, or "address:" and the client address.</summary>
    public required string Subject { get; set; }
    public DateTimeOffset FailedAt { get; set; }
}

internal sealed class FailedPasswordAttemptConfiguration : IEntityTypeConfiguration<FailedPasswordAttempt>
{
    public const int SubjectMaxLength = 300;

    public void Configure(EntityTypeBuilder<FailedPasswordAttempt> attempt)
    {
        attempt.ToTable("FailedPasswordAttempts");
        attempt.Property(a => a.Subject).HasMaxLength(SubjectMaxLength);
        attempt.HasIndex(a => new { a.Subject, a.FailedAt });
        attempt.HasIndex(a => a.FailedAt);
    }
}
