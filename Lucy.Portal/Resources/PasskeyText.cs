using System.Globalization;
using System.Resources;

namespace Lucy.Portal.Resources;

/// <summary>Passkeys: the prompt's tab, sign-in on the login page, the Account page's list; PasskeyText.*.resx (docs/languages.md).</summary>
public sealed class PasskeyText
{
    private static readonly ResourceManager Resources = new(typeof(PasskeyText));

    /// <summary>A text in the current UI culture, for the static browser interop, which has no localizer.</summary>
    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
