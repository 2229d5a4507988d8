namespace Lucy.Portal.Core.Settings;

/// <summary>Shows a secret only by its last 4 characters, the way the UI and the audit log refer to it.</summary>
public static class SecretMask
{
    public const string Dots = "••••••••";

    /// <summary>"••••••••1234", or null when there is no secret.</summary>
    public static string? LastFour(string? secret) =>
        string.IsNullOrEmpty(secret) ? null
        : secret.Length <= 4 ? Dots // too short to reveal any part of it
        : Dots + secret[^4..];
}
