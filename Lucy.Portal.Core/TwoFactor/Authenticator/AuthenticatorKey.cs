namespace Lucy.Portal.Core.TwoFactor;

/// <summary>A user's built-in authenticator: the active seed, a seed awaiting its first code, and the last accepted time step.</summary>
public sealed class AuthenticatorKey
{
    public required string UserId { get; set; }

    /// <summary>The seed used at login, encrypted with Data Protection; null until the first enrollment is confirmed.</summary>
    public string? ProtectedSeed { get; set; }

    /// <summary>A new seed shown to the user but not yet confirmed with a code; it never signs anyone in.</summary>
    public string? PendingProtectedSeed { get; set; }

    public DateTimeOffset? PendingSince { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>The latest TOTP step accepted for the active seed; codes from this step or earlier are replays.</summary>
    public long LastAcceptedStep { get; set; }
}
