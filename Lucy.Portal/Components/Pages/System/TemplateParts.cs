using System.Text.RegularExpressions;

namespace Lucy.Portal.Components.Pages.SystemSettings;

/// <summary>Splits a translated text at its numbered placeholders, for <c>TemplateText</c>.</summary>
public static partial class TemplateParts
{
    public readonly record struct Part(string Text, int? Slot);

    public static IEnumerable<Part> Split(string template)
    {
        var at = 0;
        foreach (Match match in Placeholder().Matches(template))
        {
            if (match.Index > at)
            {
                yield return new Part(template[at..match.Index], null);
            }
            yield return new Part(match.Value, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            at = match.Index + match.Length;
        }
        if (at < template.Length)
        {
            yield return new Part(template[at..], null);
        }
    }

    [GeneratedRegex(@"\{(\d)\}")]
    private static partial Regex Placeholder();
}
