namespace Lucy.Portal.Core.Mail;

/// <summary>
/// A mailed link that lets its holder set the account's password: a password reset (1 hour) or an invitation (72 hours).
/// Only a SHA-256 hash of the token is stored. A link works once (<see cref="UsedAt"/> is claimed by one UPDATE) and
/// only while the account's security stamp is the one it was issued under, so any password change voids it.
/// </summary>
public sealed class AccountLink
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public AccountLinkPurpose Purpose { get; set; }
    public string TokenHash { get; set; } = "";
    public string SecurityStamp { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

public enum AccountLinkPurpose
{
    PasswordReset,
    Invitation,
}

/// <summary>One "forgot password" request, kept (by a hash of the typed address) whether or not an account has that address, for the per-address limit.</summary>
public sealed class PasswordResetRequest
{
    public long Id { get; set; }
    public string AddressHash { get; set; } = "";
    public DateTimeOffset RequestedAt { get; set; }
}
