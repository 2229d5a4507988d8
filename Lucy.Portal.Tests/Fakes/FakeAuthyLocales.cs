namespace Lucy.Portal.Tests.Fakes;

/// <summary>
/// The language tags Authy (`locale`) lists for SMS and calls, the same list Verify (`Locale`) gives (docs/authy-contract.md, "Language of
/// SMS and calls"); both answer 404 to any other override, so the fakes do too and a wrong tag shows in tests.
/// </summary>
public static class FakeAuthyLocales
{
    public static IReadOnlySet<string> Documented { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "af", "ar", "ca", "zh", "zh-CN", "zh-HK", "hr", "cs", "da", "nl", "en", "en-GB", "et", "fi", "fr", "de", "el", "he",
        "hi", "hu", "id", "it", "ja", "kn", "ko", "lt", "ms", "mr", "nb", "pl", "pt-BR", "pt", "ro", "ru", "sk", "es", "sv",
        "tl", "te", "th", "tr", "vi",
    };

    /// <summary>No override (the provider picks by the number's country) or a listed tag, matched exactly.</summary>
    public static bool IsAccepted(string? locale) => locale is null || Documented.Contains(locale);
}
