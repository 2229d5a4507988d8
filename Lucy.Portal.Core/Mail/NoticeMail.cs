using System.Net;
using Lucy.Portal.Core.Notifications;
using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Core.Mail;

/// <summary>
/// The words of each security notice, in plain text and HTML: what happened, when (the portal's time zone and date
/// format), from which address, and what to do if it was not the reader. A notice carries no code and no secret:
/// only the facts in <see cref="UserNotice"/>.
/// </summary>
public static class NoticeMail
{
    private const string NotYou =
        "If this was not you, change your password at once and tell your administrator: someone may know your password.";

    private const string NotYouAdmin =
        "If you did not expect this, contact your administrator.";

    public static OutgoingMail For(UserNotice notice, string to, DateTimeOffset at, DateDisplayFormat dates)
    {
        var (subject, happened, advice) = Words(notice);
        var when = dates.Format(at) + " (" + dates.TimeZone.Id + ")";
        var facts = new List<(string Label, string Value)> { ("When", when) };
        if (!string.IsNullOrEmpty(notice.IpAddress))
        {
            facts.Add(("From address", notice.IpAddress));
        }
        if (!string.IsNullOrEmpty(notice.Detail))
        {
            facts.Add(("Detail", notice.Detail));
        }
        facts.Add(("Account", to));

        var text = string.Join("\n",
            new[] { "Hello,", "", happened, "" }
                .Concat(facts.Select(f => $"{f.Label}: {f.Value}"))
                .Concat(["", advice, "", "This is an automatic security notice from Lucy Portal. It never contains a code or a password, and no one from the portal will ask you for one."]));

        var html = "<!DOCTYPE html><html><body style=\"font-family:sans-serif\">"
            + $"<p>Hello,</p><p>{Encode(happened)}</p><table>"
            + string.Concat(facts.Select(f => $"<tr><th align=\"left\">{Encode(f.Label)}</th><td>{Encode(f.Value)}</td></tr>"))
            + $"</table><p><strong>{Encode(advice)}</strong></p>"
            + "<p style=\"color:#666\">This is an automatic security notice from Lucy Portal. It never contains a code or a password, and no one from the portal will ask you for one.</p>"
            + "</body></html>";

        return new OutgoingMail(to, "Lucy Portal: " + subject, text, html, notice.Kind.ToString()) { UserId = notice.UserId };
    }

    private static (string Subject, string Happened, string Advice) Words(UserNotice notice) => notice.Kind switch
    {
        UserNoticeKind.TwoFactorEnabled => ("two-factor sign-in turned on", "Two-factor sign-in was turned on for your account.", NotYou),
        UserNoticeKind.TwoFactorDisabled => ("two-factor sign-in turned off",
            "Two-factor sign-in was turned off for your account. Your password alone now signs you in.", NotYou),
        UserNoticeKind.FactorAdded => ("a sign-in method was added", "A sign-in method was added to your account.", NotYou),
        UserNoticeKind.FactorRemoved => ("a sign-in method was removed", "A sign-in method was removed from your account.", NotYou),
        UserNoticeKind.RecoveryCodesRegenerated => ("new recovery codes",
            "New recovery codes were created for your account; the old ones no longer work.", NotYou),
        UserNoticeKind.RecoveryCodeUsed => ("a recovery code was used", "A recovery code was used to sign in to your account.",
            "If this was not you, someone has your password and a recovery code: change your password, create new recovery codes and tell your administrator."),
        UserNoticeKind.PhoneNumberChanged => ("your phone number changed", "The phone number of your account was changed.", NotYou),
        UserNoticeKind.SuspiciousCodeAttempts => ("someone may know your password",
            "Someone entered your correct password and then wrong or already used two-factor codes.",
            "If this was not you, someone knows your password: change it at once and tell your administrator. Your second factor stopped them."),
        UserNoticeKind.AccountLocked => ("your account is locked",
            "Your account was locked after too many failed sign-in attempts.",
            "If this was not you, someone is trying to sign in as you: tell your administrator, and change your password when you can sign in again."),
        UserNoticeKind.TwoFactorResetByAdministrator => ("your two-factor sign-in was reset",
            "An administrator reset two-factor sign-in for your account. You will set it up again at your next sign-in.", NotYouAdmin),
        UserNoticeKind.SessionsEndedByAdministrator => ("you were signed out",
            "An administrator ended your sessions: every browser signed in to your account was signed out.", NotYouAdmin),
        UserNoticeKind.PasswordChanged => ("your password changed", "The password of your account was changed.",
            "If this was not you, use \"Forgot password\" on the login page at once and tell your administrator."),
        _ => ("security notice", "There was a security event on your account.", NotYou),
    };

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
