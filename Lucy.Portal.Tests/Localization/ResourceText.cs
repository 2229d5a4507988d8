using System.Globalization;
using System.Resources;

namespace Lucy.Portal.Tests.Localization;

/// <summary>A text of the portal's resource files in a given language, so tests follow the translations.</summary>
public static class ResourceText
{
    /// <summary>The text of <paramref name="key"/> in <typeparamref name="TResource"/>'s files for <paramref name="culture"/> ("de", "fr-CH").</summary>
    public static string Get<TResource>(string culture, string key, params object[] arguments) =>
        Get(typeof(TResource), culture, key, arguments);

    /// <summary>The same for a resource class that cannot be a type argument (Core's static text classes).</summary>
    public static string Get(Type resource, string culture, string key, params object[] arguments)
    {
        var manager = new ResourceManager(resource.FullName!, resource.Assembly);
        var info = CultureInfo.GetCultureInfo(culture);
        var text = manager.GetString(key, info) ?? throw new KeyNotFoundException($"{resource.Name} has no key {key}.");
        return arguments.Length == 0 ? text : string.Format(info, text, arguments);
    }
}
