using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lucy.Portal.Core.SecurityImages;

/// <summary>
/// One security image shown on a login form. The answer is kept only as a hash; the picture is drawn once, when the
/// challenge is issued, and stored so that any instance can serve it. Deleted when answered or expired.
/// </summary>
public sealed class SecurityImageChallenge
{
    /// <summary>A random, unguessable id (base64url); it travels in the login form's hidden field.</summary>
    public required string Id { get; set; }
    /// <summary>SHA-256 of the id and the normalised answer.</summary>
    public required byte[] AnswerHash { get; set; }
    /// <summary>SHA-256 of the browser's binding cookie: only the browser the image was issued to may see or answer it.</summary>
    public required byte[] BindingHash { get; set; }
    public required byte[] Png { get; set; }
    /// <summary>The client address the image was issued to, to cap how many live images one address can make the portal store.</summary>
    public string? Address { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class SecurityImageChallengeConfiguration : IEntityTypeConfiguration<SecurityImageChallenge>
{
    public const int IdLength = 22;

    public void Configure(EntityTypeBuilder<SecurityImageChallenge> challenge)
    {
        challenge.ToTable("SecurityImageChallenges");
        challenge.HasKey(c => c.Id);
        challenge.Property(c => c.Id).HasMaxLength(IdLength);
        challenge.Property(c => c.AnswerHash).HasMaxLength(32);
        challenge.Property(c => c.BindingHash).HasMaxLength(32);
        challenge.Property(c => c.Address).HasMaxLength(64);
        challenge.HasIndex(c => c.ExpiresAt);
        challenge.HasIndex(c => new { c.Address, c.ExpiresAt });
    }
}
