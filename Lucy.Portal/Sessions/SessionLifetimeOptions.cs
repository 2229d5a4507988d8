namespace Lucy.Portal.Sessions;

/// <summary>Configuration section "Sessions"; the lifetimes themselves are in Advanced Settings.</summary>
public sealed class SessionLifetimeOptions
{
    public const string Section = "Sessions";

    /// <summary>
    /// How often a live page rechecks its session and security stamp: at most this long after a logout elsewhere, the
    /// page loses access. Two small reads per circuit per check.
    /// </summary>
    public int CircuitRevalidationSeconds { get; set; } = 15;
}
