namespace Lucy.Portal.Core.Resources;

/// <summary>What Advanced Settings says about the values it refuses or saves (2FA keys, proxy, policy, mail); SettingsStrings.*.resx, read in the current UI culture (docs/languages.md).</summary>
public static class SettingsStrings
{
    internal static CoreResources Resources { get; } = new(typeof(SettingsStrings));

    public static string AuthyKey_Required => Resources.Text();
    public static string AuthyKey_Length(int min, int max) => Resources.Format(null, [min, max]);
    public static string AuthyKey_Characters => Resources.Text();
    public static string Twilio_AccountSidRequired => Resources.Text();
    public static string Twilio_AccountSidFormat => Resources.Text();
    public static string Twilio_AuthTokenRequired => Resources.Text();
    public static string Twilio_AuthTokenFormat => Resources.Text();
    public static string Twilio_ServiceSidRequired => Resources.Text();
    public static string Twilio_ServiceSidFormat => Resources.Text();
    public static string TimeZone_Choose => Resources.Text();
    public static string DateFormat_Choose => Resources.Text();
    public static string Proxy_UrlRequired => Resources.Text();
    public static string Proxy_UrlFormat => Resources.Text();
    public static string Proxy_CredentialsInUrl => Resources.Text();
    public static string AtMostCharacters(int max) => Resources.Format(null, [max]);
    public static string Range_Characters(int min, int max) => Resources.Format(null, [min, max]);
    public static string Range_RotationDays(int min, int max) => Resources.Format(null, [min, max]);
    public static string Range_Attempts(int min, int max) => Resources.Format(null, [min, max]);
    public static string Range_Minutes(int min, int max) => Resources.Format(null, [min, max]);
    public static string Range_Days(int min, int max) => Resources.Format(null, [min, max]);
    public static string Range_Hours(int min, int max) => Resources.Format(null, [min, max]);
    public static string Range_IdleMinutes(int min, int max) => Resources.Format(null, [min, max]);
    public static string Range_FailedAttempts(int min, int max) => Resources.Format(null, [min, max]);
    public static string FactoryReset_TypeToConfirm(string word) => Resources.Format(null, [word]);
    public static string Provider_Choose => Resources.Text();
    public static string Provider_SaveAuthyKeyFirst => Resources.Text();
    public static string Provider_SaveTwilioFirst => Resources.Text();
    public static string SharedKey_NotConfigured => Resources.Text();
    public static string SharedKey_Malformed => Resources.Text();
    public static string AuthyKey_NoClient => Resources.Text();
    public static string AuthyKey_Saved(string application) => Resources.Format(null, [application]);
    public static string AuthyKey_Refused => Resources.Text();
    public static string AuthyKey_Unreachable => Resources.Text();
    public static string Twilio_NoClient => Resources.Text();
    public static string Twilio_Saved(string service) => Resources.Format(null, [service]);
    public static string Twilio_Refused => Resources.Text();
    public static string Twilio_ServiceNotFound => Resources.Text();
    public static string Twilio_Unreachable => Resources.Text();
    public static string Policy_ChooseWho => Resources.Text();
    public static string Policy_GraceDays(int max) => Resources.Format(null, [max]);
    public static string Password_MinimumLength(int minimum) => Resources.Format(null, [minimum]);
    public static string Password_MaximumLength(int maximum) => Resources.Format(null, [maximum]);
    public static string Mail_ServerRequired => Resources.Text();
    public static string Mail_HostFormat => Resources.Text();
    public static string Mail_Port => Resources.Text();
    public static string Mail_SenderRequired => Resources.Text();
    public static string Mail_OneAddress => Resources.Text();
    public static string Mail_TestRecipient => Resources.Text();
    public static string Mail_NotConfiguredForTest => Resources.Text();
}
