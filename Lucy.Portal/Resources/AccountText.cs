using System.Globalization;
using System.Resources;

namespace Lucy.Portal.Resources;

/// <summary>The Account page (phone, 2FA, factors, recovery codes, sessions); AccountText.*.resx (docs/languages.md).</summary>
public sealed class AccountText
{
    private static readonly ResourceManager Texts = new(typeof(AccountText));

    /// <summary>For code without an injected localizer (a minimal API endpoint): the text in the current UI culture.</summary>
    public static string Get(string key) => Texts.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
