using System.Globalization;
using System.Resources;
using System.Runtime.CompilerServices;

namespace Lucy.Portal.Core.Resources;

/// <summary>
/// Reads one Core resource class's texts (docs/languages.md): the key is the calling member's name; a missing key reads
/// "⟦missing:Key⟧" rather than null or an empty line, so a gap shows on the screen and in tests.
/// </summary>
public sealed class CoreResources(Type owner)
{
    public ResourceManager Manager { get; } = new(owner.FullName!, owner.Assembly);

    /// <summary>The text in <paramref name="culture"/>, or in the current UI culture when null.</summary>
    public string Text(CultureInfo? culture = null, [CallerMemberName] string key = "") =>
        Manager.GetString(key, culture ?? CultureInfo.CurrentUICulture) ?? Missing(key);

    /// <summary>The text with its {0}… placeholders filled in, numbers formatted in the same culture.</summary>
    public string Format(CultureInfo? culture, object?[] args, [CallerMemberName] string key = "") =>
        string.Format(culture ?? CultureInfo.CurrentCulture, Text(culture, key), args);

    public static string Missing(string key) => $"⟦missing:{key}⟧";
}
