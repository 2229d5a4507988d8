namespace Lucy.Portal.Middleware;

/// <summary>Paths that gates let through: framework files, static assets, the health probe and the language choice.</summary>
internal static class PortalPaths
{
    private static readonly string[] AlwaysOpenPrefixes = ["/_framework", "/_content", "/_blazor", "/health", "/not-found", "/Error",
        // Changing the language harms nobody and must work on every page a gate leaves open (setup, password change, 2FA).
        Extensions.LanguageEndpoint.Path];

    public static bool IsAlwaysOpen(PathString path) =>
        AlwaysOpenPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
        || Path.HasExtension(path.Value);
}
