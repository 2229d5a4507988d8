using System.Globalization;

namespace Lucy.Portal.Core.Resources;

/// <summary>The words of the mails the portal sends: security notices, reset and invitation links, the test mail; MailStrings.*.resx, read in the culture given (docs/languages.md).</summary>
public static class MailStrings
{
    internal static CoreResources Resources { get; } = new(typeof(MailStrings));

    public static string Subject(CultureInfo culture, string subject) => Resources.Format(culture, [subject]);
    public static string Hello(CultureInfo culture) => Resources.Text(culture);
    public static string Notice_When(CultureInfo culture) => Resources.Text(culture);
    public static string Notice_FromAddress(CultureInfo culture) => Resources.Text(culture);
    public static string Notice_Detail(CultureInfo culture) => Resources.Text(culture);
    public static string Notice_Account(CultureInfo culture) => Resources.Text(culture);
    public static string Notice_Footer(CultureInfo culture) => Resources.Text(culture);
    public static string Advice_NotYou(CultureInfo culture) => Resources.Text(culture);
    public static string Advice_NotYouAdministrator(CultureInfo culture) => Resources.Text(culture);
    public static string Advice_RecoveryCodeUsed(CultureInfo culture) => Resources.Text(culture);
    public static string Advice_SuspiciousCodeAttempts(CultureInfo culture) => Resources.Text(culture);
    public static string Advice_AccountLocked(CultureInfo culture) => Resources.Text(culture);
    public static string Advice_PasswordChanged(CultureInfo culture) => Resources.Text(culture);
    public static string TwoFactorEnabled_Subject(CultureInfo culture) => Resources.Text(culture);
    public static string TwoFactorEnabled_Happened(CultureInfo culture) => Resources.Text(culture);
    public static string TwoFactorDisabled_Subject(CultureInfo culture) => Resources.Text(culture);
    public static string TwoFactorDisabled_Happened(CultureInfo culture) => Resources.Text(culture);
    public static string FactorAdded_Subject(CultureInfo culture) => Resources.Text(culture);
    public static string FactorAdded_Happened(CultureInfo culture) => Resources.Text(culture);
    public static string FactorRemoved_Subject(CultureInfo culture) => Resources.Text(culture);
    public static string FactorRemoved_Happened(CultureInfo culture) => Resources.Text(culture);
    public static string RecoveryCodesRegenerated_Subject(CultureInfo culture) => Resources.Text(culture);
    public static string RecoveryCodesRegenerated_Happened(CultureInfo culture) => Resources.Text(culture);
    public static string RecoveryCodeUsed_Subject(CultureInfo culture) => Resources.Text(culture);
    public static string RecoveryCodeUsed_Happened(CultureInfo culture) => Resources.Text(culture);
    public static string PhoneNumberChanged_Subject(CultureInfo culture) => Resources.Text(culture);
    public static string PhoneNumberChanged_Happened(CultureInfo culture) => Resources.Text(culture);
    public static string SuspiciousCodeAttempts_Subject(CultureInfo culture) => Resources.Text(culture);
    public static string SuspiciousCodeAttempts_Happened(CultureInfo culture) => Resources.Text(culture);
    public static string AccountLocked_Subject(CultureInfo culture) => Resources.Text(culture);
    public static string AccountLocked_Happened(CultureInfo culture) => Resources.Text(culture);
    public static string TwoFactorResetByAdministrator_Subject(CultureInfo culture) => Resources.Text(culture);
    public static string TwoFactorResetByAdministrator_Happened(CultureInfo culture) => Resources.Text(culture);
    public static string SessionsEndedByAdministrator_Subject(CultureInfo culture) => Resources.Text(culture);
    public static string SessionsEndedByAdministrator_Happened(CultureInfo culture) => Resources.Text(culture);
    public static string PasswordChanged_Subject(CultureInfo culture) => Resources.Text(culture);
    public static string PasswordChanged_Happened(CultureInfo culture) => Resources.Text(culture);
    public static string Other_Subject(CultureInfo culture) => Resources.Text(culture);
    public static string Other_Happened(CultureInfo culture) => Resources.Text(culture);
    public static string Reset_Subject(CultureInfo culture) => Resources.Text(culture);
    public static string Reset_Asked(CultureInfo culture, string account) => Resources.Format(culture, [account]);
    public static string Reset_AskedFrom(CultureInfo culture, string address, string account) => Resources.Format(culture, [address, account]);
    public static string Reset_OpenLink(CultureInfo culture, string until) => Resources.Format(culture, [until]);
    public static string Reset_LinkText(CultureInfo culture) => Resources.Text(culture);
    public static string Link_Validity(CultureInfo culture, string link, string until) => Resources.Format(culture, [link, until]);
    public static string Reset_After(CultureInfo culture) => Resources.Text(culture);
    public static string Reset_NotYou(CultureInfo culture) => Resources.Text(culture);
    public static string Reset_Repeated(CultureInfo culture) => Resources.Text(culture);
    public static string Invite_Subject(CultureInfo culture) => Resources.Text(culture);
    public static string Invite_Created(CultureInfo culture, string account) => Resources.Format(culture, [account]);
    public static string Invite_OpenLink(CultureInfo culture, string until) => Resources.Format(culture, [until]);
    public static string Invite_LinkText(CultureInfo culture) => Resources.Text(culture);
    public static string Invite_NotExpected(CultureInfo culture) => Resources.Text(culture);
    public static string Test_Subject(CultureInfo culture) => Resources.Text(culture);
    public static string Test_Body(CultureInfo culture) => Resources.Text(culture);
}
