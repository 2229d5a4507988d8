using System.Globalization;
using System.Net;
using Lucy.Portal.Core.Resources;
using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Core.Mail;

/// <summary>The words of the password reset and invitation mails, in the reader's language (<see cref="MailCulture"/>).</summary>
internal static class AccountLinkMail
{
    public static OutgoingMail PasswordReset(
        string to, string userId, string link, string? ip, DateTimeOffset at, DateDisplayFormat dates, CultureInfo culture)
    {
        var when = Until(at + AccountLinks.PasswordResetLifetime, dates, culture);
        var asked = string.IsNullOrEmpty(ip) ? MailStrings.Reset_Asked(culture, to) : MailStrings.Reset_AskedFrom(culture, ip, to);
        var after = MailStrings.Reset_After(culture);
        var notYou = MailStrings.Reset_NotYou(culture);
        var repeated = MailStrings.Reset_Repeated(culture);
        var text = Lines(
            MailStrings.Hello(culture), "", asked, "", MailStrings.Reset_OpenLink(culture, when), link, "", after, "", notYou + " " + repeated);
        var html = Html($"<p>{Encode(MailStrings.Hello(culture))}</p><p>{Encode(asked)}</p>"
            + $"<p>{LinkLine(link, MailStrings.Reset_LinkText(culture), when, culture)}</p>"
            + $"<p>{Encode(after)}</p>"
            + $"<p><strong>{Encode(notYou)}</strong> {Encode(repeated)}</p>");
        return new OutgoingMail(to, MailStrings.Reset_Subject(culture), text, html, AccountLinkPurpose.PasswordReset.ToString()) { UserId = userId };
    }

    public static OutgoingMail Invitation(string to, string userId, string link, DateTimeOffset at, DateDisplayFormat dates, CultureInfo culture)
    {
        var when = Until(at + AccountLinks.InvitationLifetime, dates, culture);
        var created = MailStrings.Invite_Created(culture, to);
        var notExpected = MailStrings.Invite_NotExpected(culture);
        var text = Lines(MailStrings.Hello(culture), "", created, "", MailStrings.Invite_OpenLink(culture, when), link, "", notExpected);
        var html = Html($"<p>{Encode(MailStrings.Hello(culture))}</p><p>{Encode(created)}</p>"
            + $"<p>{LinkLine(link, MailStrings.Invite_LinkText(culture), when, culture)}</p>"
            + $"<p>{Encode(notExpected)}</p>");
        return new OutgoingMail(to, MailStrings.Invite_Subject(culture), text, html, AccountLinkPurpose.Invitation.ToString()) { UserId = userId };
    }

    private static string Until(DateTimeOffset end, DateDisplayFormat dates, CultureInfo culture) =>
        dates.Format(end, culture) + " (" + dates.TimeZone.Id + ")";

    /// <summary>"&lt;a&gt;Choose…&lt;/a&gt; (the link works once, until …)." with every text part encoded.</summary>
    private static string LinkLine(string link, string linkText, string when, CultureInfo culture) =>
        string.Format(culture, Encode(MailStrings.Link_Validity(culture, "{0}", "{1}")),
            $"<a href=\"{Encode(link)}\">{Encode(linkText)}</a>", Encode(when));

    private static string Lines(params string[] lines) => string.Join("\n", lines);

    private static string Html(string content) => $"<!DOCTYPE html><html><body style=\"font-family:sans-serif\">{content}</body></html>";

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
