using System.Globalization;

namespace Lucy.Portal.Core.Localization;

/// <summary>The languages the portal speaks (docs/languages.md); English is the neutral resource language.</summary>
public static class PortalCultures
{
    public const string Default = "en";

    public static IReadOnlyList<string> Supported { get; } = ["en", "de", "fr", "it"];

    /// <summary>The supported language a culture name falls back to ("de-CH" → "de"), or null.</summary>
    public static string? Match(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        try
        {
            var culture = CultureInfo.GetCultureInfo(name.Trim());
            var language = culture.TwoLetterISOLanguageName;
            return Supported.Contains(language, StringComparer.OrdinalIgnoreCase) ? language : null;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
