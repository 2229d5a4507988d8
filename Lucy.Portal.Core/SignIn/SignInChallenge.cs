using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Authy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lucy.Portal.Core.SignIn;

/// <summary>
/// One pending second-factor step: opened when the token prompt loads for a user who passed the password step,
/// and, once a factor is verified, carrying a single-use grant that completes the sign-in.
/// Only hashes of the challenge and grant tokens are stored.
/// </summary>
public sealed class SignInChallenge
{
    public required string ChallengeHash { get; set; }
    public required string UserId { get; set; }

    /// <summary>Hash of the secret the browser that passed the password step holds; only that browser can redeem the grant.</summary>
    public required string BrowserKeyHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public string? GrantHash { get; set; }
    public DateTimeOffset? GrantExpiresAt { get; set; }
    public DateTimeOffset? GrantRedeemedAt { get; set; }
    public bool RememberDevice { get; set; }
    public string? Method { get; set; }

    /// <summary>The Authy OneTouch request pushed for this challenge, if any.</summary>
    public string? OneTouchUuid { get; set; }

    /// <summary>Approved or denied, as a signed Authy callback reported it for <see cref="OneTouchUuid"/>; null until then.</summary>
    public AuthyApprovalStatus? OneTouchAnswer { get; set; }
}

internal sealed class SignInChallengeConfiguration : IEntityTypeConfiguration<SignInChallenge>
{
    public void Configure(EntityTypeBuilder<SignInChallenge> challenge)
    {
        challenge.ToTable("SignInChallenges");
        challenge.HasKey(c => c.ChallengeHash);
        challenge.Property(c => c.ChallengeHash).HasMaxLength(64);
        challenge.Property(c => c.BrowserKeyHash).HasMaxLength(64);
        challenge.Property(c => c.GrantHash).HasMaxLength(64);
        challenge.Property(c => c.Method).HasMaxLength(32);
        challenge.Property(c => c.OneTouchUuid).HasMaxLength(64);
        challenge.Property(c => c.OneTouchAnswer).HasConversion<string>().HasMaxLength(16);
        challenge.HasIndex(c => c.OneTouchUuid);
        challenge.HasIndex(c => c.GrantHash).IsUnique();
        challenge.HasIndex(c => c.ExpiresAt);
        challenge.HasOne<PortalUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
