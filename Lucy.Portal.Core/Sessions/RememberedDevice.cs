namespace Lucy.Portal.Core.Sessions;

/// <summary>
/// One browser where the user ticked "remember this device": its remember cookie names this row, so the user can see
/// the device on the Account page and forget it alone. A forgotten or expired row, or a row whose security stamp is no
/// longer the user's, skips nothing.
/// </summary>
public sealed class RememberedDevice
{
    public Guid Id { get; set; }
    public string UserId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>The last login this device skipped the second factor for; null until it first does.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
    public string? UserAgent { get; set; }
    public string? IpAddress { get; set; }
    /// <summary>The user's security stamp when the device was remembered; a stamp change forgets every device.</summary>
    public string? SecurityStamp { get; set; }
}
