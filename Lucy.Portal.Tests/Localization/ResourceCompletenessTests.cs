using System.Text.RegularExpressions;
using System.Xml.Linq;
using Lucy.Portal.Core.Localization;

namespace Lucy.Portal.Tests.Localization;

/// <summary>Every neutral (English) resource file has a German, French and Italian twin with the same keys.</summary>
public sealed partial class ResourceCompletenessTests
{
    public static TheoryData<string> NeutralFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in NeutralResourceFiles())
        {
            data.Add(Path.GetRelativePath(RepositoryRoot, file));
        }
        return data;
    }

    [Fact]
    public void The_portal_has_resource_files() => Assert.NotEmpty(NeutralResourceFiles());

    [Theory]
    [MemberData(nameof(NeutralFiles))]
    public void Every_language_has_every_key_with_the_same_placeholders(string neutralFile)
    {
        var neutral = Read(Path.Combine(RepositoryRoot, neutralFile));
        foreach (var language in PortalCultures.Supported.Where(l => l != PortalCultures.Default))
        {
            var path = Path.Combine(RepositoryRoot, Path.ChangeExtension(neutralFile, null) + "." + language + ".resx");
            Assert.True(File.Exists(path), $"{neutralFile} has no {language} translation");
            var translated = Read(path);
            Assert.Equal(neutral.Keys.Order(StringComparer.Ordinal), translated.Keys.Order(StringComparer.Ordinal));
            foreach (var (key, text) in neutral)
            {
                Assert.False(string.IsNullOrWhiteSpace(translated[key]), $"{language} {key} is empty");
                Assert.Equal(Placeholders(text), Placeholders(translated[key]));
            }
        }
    }

    private static List<string> NeutralResourceFiles() =>
        new[] { "Lucy.Portal", "Lucy.Portal.Core" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(RepositoryRoot, project), "*.resx", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !CultureSuffix().IsMatch(path))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static string[] Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    private static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Lucy.Portal.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Lucy.Portal.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"\.[a-z]{2}(-[A-Z]{2})?\.resx$")]
    private static partial Regex CultureSuffix();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
