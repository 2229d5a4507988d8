using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lucy.Portal.Core.Authy.Callbacks;

/// <summary>
/// A OneTouch callback already accepted, remembered until its nonce is too old to pass the freshness check anyway.
/// Kept in the database so every portal instance refuses a replay that another instance accepted.
/// </summary>
public sealed class AuthyCallbackNonce
{
    public required string Nonce { get; set; }

    /// <summary>The signature the callback carried: two genuine callbacks may share a nonce of whole seconds.</summary>
    public required string Signature { get; set; }

    /// <summary>When the nonce stops being fresh; the row is useless (and purged) after that.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class AuthyCallbackNonceConfiguration : IEntityTypeConfiguration<AuthyCallbackNonce>
{
    public const int MaxNonceLength = 32;

    public void Configure(EntityTypeBuilder<AuthyCallbackNonce> nonce)
    {
        nonce.ToTable("AuthyCallbackNonces");
        // The key is the unique index that makes "record it or learn it was seen" one atomic insert.
        nonce.HasKey(n => new { n.Nonce, n.Signature });
        nonce.Property(n => n.Nonce).HasMaxLength(MaxNonceLength);
        nonce.Property(n => n.Signature).HasMaxLength(64);
        nonce.HasIndex(n => n.ExpiresAt);
    }
}
