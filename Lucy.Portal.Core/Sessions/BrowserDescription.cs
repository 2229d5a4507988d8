using System.Text.RegularExpressions;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Sessions;

/// <summary>
/// Turns a User-Agent header into "Firefox 128 on Windows" for the session list. Only the common browsers and systems
/// are named; anything else reads "Unknown browser". The header is the client's claim, so the text is a hint, not proof.
/// </summary>
public static partial class BrowserDescription
{
    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return AccountStrings.Session_UnknownBrowser;
        }
        var browser = Browser(userAgent);
        var system = OperatingSystem(userAgent);
        return system is null ? browser : AccountStrings.Session_BrowserOn(browser, system);
    }

    private static string Browser(string ua)
    {
        // Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
        (string Name, Regex Pattern)[] browsers =
        [
            ("Edge", EdgePattern()),
            ("Opera", OperaPattern()),
            ("Firefox", FirefoxPattern()),
            ("Chromium", ChromiumPattern()),
            ("Chrome", ChromePattern()),
            ("Safari", SafariPattern()),
        ];
        foreach (var (name, pattern) in browsers)
        {
            var match = pattern.Match(ua);
            if (match.Success)
            {
                return $"{name} {match.Groups["major"].Value}";
            }
        }
        return AccountStrings.Session_UnknownBrowser;
    }

    private static string? OperatingSystem(string ua) =>
        ua.Contains("Android", StringComparison.Ordinal) ? "Android"
        : ua.Contains("iPhone", StringComparison.Ordinal) || ua.Contains("iPad", StringComparison.Ordinal) ? "iOS"
        : ua.Contains("Windows", StringComparison.Ordinal) ? "Windows"
        : ua.Contains("Mac OS X", StringComparison.Ordinal) || ua.Contains("Macintosh", StringComparison.Ordinal) ? "macOS"
        : ua.Contains("CrOS", StringComparison.Ordinal) ? "ChromeOS"
        : ua.Contains("Linux", StringComparison.Ordinal) ? "Linux"
        : null;

    [GeneratedRegex(@"Edg(?:e|A|iOS)?/(?<major>\d+)")]
    private static partial Regex EdgePattern();

    [GeneratedRegex(@"(?:OPR|Opera)/(?<major>\d+)")]
    private static partial Regex OperaPattern();

    [GeneratedRegex(@"(?:Firefox|FxiOS)/(?<major>\d+)")]
    private static partial Regex FirefoxPattern();

    [GeneratedRegex(@"Chromium/(?<major>\d+)")]
    private static partial Regex ChromiumPattern();

    [GeneratedRegex(@"(?:Chrome|CriOS)/(?<major>\d+)")]
    private static partial Regex ChromePattern();

    [GeneratedRegex(@"Version/(?<major>\d+)[^ ]* (?:Mobile/\S+ )?Safari/")]
    private static partial Regex SafariPattern();
}
