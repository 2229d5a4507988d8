namespace Lucy.Portal.Core.Resources;

/// <summary>The dashboard's attention items, provider health and own sign-in events; DashboardStrings.*.resx, read in the current UI culture (docs/languages.md).</summary>
public static class DashboardStrings
{
    internal static CoreResources Resources { get; } = new(typeof(DashboardStrings));

    public static string Coverage_Authenticator => Resources.Text();
    public static string Coverage_Passkey => Resources.Text();
    public static string Coverage_Other => Resources.Text();
    public static string Provider_BuiltIn => Resources.Text();
    public static string Breaker_Open => Resources.Text();
    public static string Breaker_HalfOpen => Resources.Text();
    public static string Breaker_Closed => Resources.Text();
    public static string Provider_LastError(string error, string at) => Resources.Format(null, [error, at]);
    public static string Provider_CredentialsMissing(string provider) => Resources.Format(null, [provider]);
    public static string Provider_Failing(string provider, string breaker) => Resources.Format(null, [provider, breaker]);
    public static string Provider_FailedRecently(string provider) => Resources.Format(null, [provider]);
    public static string Provider_Action => Resources.Text();
    public static string Event_WrongPassword => Resources.Text();
    public static string Event_FailedSecondFactor => Resources.Text();
    public static string Event_Locked => Resources.Text();
    public static string Event_SignedIn => Resources.Text();
    public static string RecoveryCodes_One(int threshold) => Resources.Format(null, [threshold]);
    public static string RecoveryCodes_Many(int count, int threshold) => Resources.Format(null, [count, threshold]);
    public static string RecoveryCodes_Action => Resources.Text();
    public static string Locked_One => Resources.Text();
    public static string Locked_Many(int count) => Resources.Format(null, [count]);
    public static string Locked_Action => Resources.Text();
    public static string Deadline_OverdueOne => Resources.Text();
    public static string Deadline_OverdueMany(int count) => Resources.Format(null, [count]);
    public static string Deadline_SoonOne => Resources.Text();
    public static string Deadline_SoonMany(int count) => Resources.Format(null, [count]);
    public static string Deadline_Action => Resources.Text();
    public static string Deadline_Detail => Resources.Text();
}
