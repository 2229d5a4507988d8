using System.Globalization;
using Lucy.Portal.Core.Localization;

namespace Lucy.Portal.Core.Mail;

/// <summary>
/// The language a mail is written in (docs/languages.md): the recipient's own choice, else the language of the request
/// that caused the mail, else English. Mails are rendered with this culture passed explicitly, never with whatever
/// culture the rendering thread happens to run in.
/// </summary>
public static class MailCulture
{
    public static CultureInfo For(string? preferredLanguage, CultureInfo? requestCulture) =>
        CultureInfo.GetCultureInfo(
            PortalCultures.Match(preferredLanguage) ?? PortalCultures.Match(requestCulture?.Name) ?? PortalCultures.Default);

    /// <summary>For a mail caused by the current request or circuit, whose culture the request localization set.</summary>
    public static CultureInfo ForCurrentRequest(string? preferredLanguage) => For(preferredLanguage, CultureInfo.CurrentUICulture);
}
