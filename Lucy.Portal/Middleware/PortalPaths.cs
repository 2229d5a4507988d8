namespace Lucy.Portal.Middleware;

/// <summary>Paths that gates let through: framework files, static assets and the health probe.</summary>
internal static class PortalPaths
{
    private static readonly string[] AlwaysOpenPrefixes = ["/_framework", "/_content", "/_blazor", "/health", "/not-found", "/Error"];

    public static bool IsAlwaysOpen(PathString path) =>
        AlwaysOpenPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
        || Path.HasExtension(path.Value);
}
