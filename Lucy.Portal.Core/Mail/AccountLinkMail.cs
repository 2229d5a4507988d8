using System.Net;
using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Core.Mail;

/// <summary>The words of the password reset and invitation mails.</summary>
internal static class AccountLinkMail
{
    public static OutgoingMail PasswordReset(string to, string userId, string link, string? ip, DateTimeOffset at, DateDisplayFormat dates)
    {
        var when = dates.Format(at + AccountLinks.PasswordResetLifetime) + " (" + dates.TimeZone.Id + ")";
        var from = string.IsNullOrEmpty(ip) ? "" : $" from the address {ip}";
        var text = $"""
            Hello,

            Someone asked{from} to reset the password of the Lucy Portal account {to}.

            To choose a new password, open this link (it works once, until {when}):
            {link}

            After that, log in with the new password and your second factor as usual.

            If this was not you, ignore this mail: your password stays as it is. Tell your administrator if you get such mails repeatedly.
            """;
        var html = Html($"<p>Hello,</p><p>Someone asked{Encode(from)} to reset the password of the Lucy Portal account {Encode(to)}.</p>"
            + $"<p><a href=\"{Encode(link)}\">Choose a new password</a> (the link works once, until {Encode(when)}).</p>"
            + "<p>After that, log in with the new password and your second factor as usual.</p>"
            + "<p><strong>If this was not you, ignore this mail: your password stays as it is.</strong> Tell your administrator if you get such mails repeatedly.</p>");
        return new OutgoingMail(to, "Lucy Portal: reset your password", text, html, AccountLinkPurpose.PasswordReset.ToString()) { UserId = userId };
    }

    public static OutgoingMail Invitation(string to, string userId, string link, DateTimeOffset at, DateDisplayFormat dates)
    {
        var when = dates.Format(at + AccountLinks.InvitationLifetime) + " (" + dates.TimeZone.Id + ")";
        var text = $"""
            Hello,

            An administrator created a Lucy Portal account for {to}.

            To choose your password, open this link (it works once, until {when}):
            {link}

            If you did not expect this, ignore this mail and tell your administrator.
            """;
        var html = Html($"<p>Hello,</p><p>An administrator created a Lucy Portal account for {Encode(to)}.</p>"
            + $"<p><a href=\"{Encode(link)}\">Choose your password</a> (the link works once, until {Encode(when)}).</p>"
            + "<p>If you did not expect this, ignore this mail and tell your administrator.</p>");
        return new OutgoingMail(to, "Lucy Portal: your invitation", text, html, AccountLinkPurpose.Invitation.ToString()) { UserId = userId };
    }

    private static string Html(string content) => $"<!DOCTYPE html><html><body style=\"font-family:sans-serif\">{content}</body></html>";

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
