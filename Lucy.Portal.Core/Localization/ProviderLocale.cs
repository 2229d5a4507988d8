using System.Globalization;
using Lucy.Portal.Core.Accounts;

namespace Lucy.Portal.Core.Localization;

/// <summary>
/// The language of a code sent by SMS or call: Authy's `locale`, Verify's `Locale` (docs/authy-contract.md, "Language
/// of SMS and calls"). The user's saved language, else the language of the page that asked; always one of the four
/// two-letter tags both providers list, since they answer 404 to a tag they do not know.
/// </summary>
public static class ProviderLocale
{
    public static string For(PortalUser? user) =>
        PortalCultures.Match(user?.PreferredLanguage)
        ?? PortalCultures.Match(CultureInfo.CurrentUICulture.Name)
        ?? PortalCultures.Default;
}
