namespace Lucy.Portal.Core.Resources;

/// <summary>What account, phone and user administration services say to the user; AccountStrings.*.resx, read in the current UI culture (docs/languages.md).</summary>
public static class AccountStrings
{
    internal static CoreResources Resources { get; } = new(typeof(AccountStrings));

    public static string Phone_ChooseCountry => Resources.Text();
    public static string Phone_EnterMobile => Resources.Text();
    public static string Phone_TooShort => Resources.Text();
    public static string Phone_TooLong => Resources.Text();
    public static string Phone_NotANumber => Resources.Text();
    public static string Phone_NotValidIn(string country) => Resources.Format(null, [country]);
    public static string Phone_Landline => Resources.Text();
    public static string Phone_NeedsMobile => Resources.Text();
    public static string PhoneChange_CodeRequired => Resources.Text();
    public static string PhoneChange_SendFailed(string reason) => Resources.Format(null, [reason]);
    public static string PhoneChange_ProofMalformed => Resources.Text();
    public static string PhoneChange_ProofWrong => Resources.Text();
    public static string PhoneChange_CheckFailed(string reason) => Resources.Format(null, [reason]);
    public static string PhoneChange_Expired => Resources.Text();
    public static string NewNumber_AuthyRefused => Resources.Text();
    public static string NewNumber_RegisterFailed(string reason) => Resources.Format(null, [reason]);
    public static string NewNumber_Calling(string phone) => Resources.Format(null, [phone]);
    public static string NewNumber_AuthyForgot => Resources.Text();
    public static string User_NoLongerExists => Resources.Text();
    public static string User_UnknownRole(string role) => Resources.Format(null, [role]);
    public static string User_EmailTaken => Resources.Text();
    public static string Invite_MailNotConfigured => Resources.Text();
    public static string Password_MustDiffer => Resources.Text();
    public static string Password_ChangeLockedOut => Resources.Text();
    public static string Password_CurrentWrong => Resources.Text();
    public static string Setup_AlreadyDone => Resources.Text();
    public static string Link_NoLongerValid => Resources.Text();
    public static string Session_UnknownBrowser => Resources.Text();
    public static string Admin_OwnAccount => Resources.Text();
    public static string Admin_SessionsEnded(string email, string detail) => Resources.Format(null, [email, detail]);
    public static string Admin_OneSessionEnded => Resources.Text();
    public static string Admin_SessionsEndedCount(int count) => Resources.Format(null, [count]);
    public static string Admin_TypeEmailToConfirm(string email) => Resources.Format(null, [email]);
    public static string Admin_TwoFactorReset(string email) => Resources.Format(null, [email]);
    public static string Session_BrowserOn(string browser, string system) => Resources.Format(null, [browser, system]);
    public static string User_LockedOut => Resources.Text();
}
