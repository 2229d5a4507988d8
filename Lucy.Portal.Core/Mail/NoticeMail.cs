using System.Globalization;
using System.Net;
using Lucy.Portal.Core.Notifications;
using Lucy.Portal.Core.Resources;
using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Core.Mail;

/// <summary>
/// The words of each security notice, in plain text and HTML, in the reader's language (<see cref="MailCulture"/>):
/// what happened, when (the portal's time zone and date format), from which address, and what to do if it was not
/// the reader. A notice carries no code and no secret: only the facts in <see cref="UserNotice"/>.
/// </summary>
public static class NoticeMail
{
    public static OutgoingMail For(UserNotice notice, string to, DateTimeOffset at, DateDisplayFormat dates, CultureInfo culture)
    {
        var (subject, happened, advice) = Words(notice.Kind, culture);
        var when = dates.Format(at, culture) + " (" + dates.TimeZone.Id + ")";
        var facts = new List<(string Label, string Value)> { (MailStrings.Notice_When(culture), when) };
        if (!string.IsNullOrEmpty(notice.IpAddress))
        {
            facts.Add((MailStrings.Notice_FromAddress(culture), notice.IpAddress));
        }
        if (!string.IsNullOrEmpty(notice.Detail))
        {
            facts.Add((MailStrings.Notice_Detail(culture), notice.Detail));
        }
        facts.Add((MailStrings.Notice_Account(culture), to));
        var hello = MailStrings.Hello(culture);
        var footer = MailStrings.Notice_Footer(culture);

        var text = string.Join("\n",
            new[] { hello, "", happened, "" }
                .Concat(facts.Select(f => $"{f.Label}: {f.Value}"))
                .Concat(["", advice, "", footer]));

        var html = "<!DOCTYPE html><html><body style=\"font-family:sans-serif\">"
            + $"<p>{Encode(hello)}</p><p>{Encode(happened)}</p><table>"
            + string.Concat(facts.Select(f => $"<tr><th align=\"left\">{Encode(f.Label)}</th><td>{Encode(f.Value)}</td></tr>"))
            + $"</table><p><strong>{Encode(advice)}</strong></p>"
            + $"<p style=\"color:#666\">{Encode(footer)}</p>"
            + "</body></html>";

        return new OutgoingMail(to, MailStrings.Subject(culture, subject), text, html, notice.Kind.ToString()) { UserId = notice.UserId };
    }

    private static (string Subject, string Happened, string Advice) Words(UserNoticeKind kind, CultureInfo c) => kind switch
    {
        UserNoticeKind.TwoFactorEnabled => (MailStrings.TwoFactorEnabled_Subject(c), MailStrings.TwoFactorEnabled_Happened(c), MailStrings.Advice_NotYou(c)),
        UserNoticeKind.TwoFactorDisabled => (MailStrings.TwoFactorDisabled_Subject(c), MailStrings.TwoFactorDisabled_Happened(c), MailStrings.Advice_NotYou(c)),
        UserNoticeKind.FactorAdded => (MailStrings.FactorAdded_Subject(c), MailStrings.FactorAdded_Happened(c), MailStrings.Advice_NotYou(c)),
        UserNoticeKind.FactorRemoved => (MailStrings.FactorRemoved_Subject(c), MailStrings.FactorRemoved_Happened(c), MailStrings.Advice_NotYou(c)),
        UserNoticeKind.RecoveryCodesRegenerated =>
            (MailStrings.RecoveryCodesRegenerated_Subject(c), MailStrings.RecoveryCodesRegenerated_Happened(c), MailStrings.Advice_NotYou(c)),
        UserNoticeKind.RecoveryCodeUsed =>
            (MailStrings.RecoveryCodeUsed_Subject(c), MailStrings.RecoveryCodeUsed_Happened(c), MailStrings.Advice_RecoveryCodeUsed(c)),
        UserNoticeKind.PhoneNumberChanged => (MailStrings.PhoneNumberChanged_Subject(c), MailStrings.PhoneNumberChanged_Happened(c), MailStrings.Advice_NotYou(c)),
        UserNoticeKind.SuspiciousCodeAttempts =>
            (MailStrings.SuspiciousCodeAttempts_Subject(c), MailStrings.SuspiciousCodeAttempts_Happened(c), MailStrings.Advice_SuspiciousCodeAttempts(c)),
        UserNoticeKind.AccountLocked => (MailStrings.AccountLocked_Subject(c), MailStrings.AccountLocked_Happened(c), MailStrings.Advice_AccountLocked(c)),
        UserNoticeKind.TwoFactorResetByAdministrator => (MailStrings.TwoFactorResetByAdministrator_Subject(c),
            MailStrings.TwoFactorResetByAdministrator_Happened(c), MailStrings.Advice_NotYouAdministrator(c)),
        UserNoticeKind.SessionsEndedByAdministrator => (MailStrings.SessionsEndedByAdministrator_Subject(c),
            MailStrings.SessionsEndedByAdministrator_Happened(c), MailStrings.Advice_NotYouAdministrator(c)),
        UserNoticeKind.PasswordChanged => (MailStrings.PasswordChanged_Subject(c), MailStrings.PasswordChanged_Happened(c), MailStrings.Advice_PasswordChanged(c)),
        _ => (MailStrings.Other_Subject(c), MailStrings.Other_Happened(c), MailStrings.Advice_NotYou(c)),
    };

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
