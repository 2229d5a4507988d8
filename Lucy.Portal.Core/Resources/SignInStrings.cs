namespace Lucy.Portal.Core.Resources;

/// <summary>What the token prompt says: send limits, refused and accepted codes, OneTouch; SignInStrings.*.resx, read in the current UI culture (docs/languages.md).</summary>
public static class SignInStrings
{
    internal static CoreResources Resources { get; } = new(typeof(SignInStrings));

    public static string SendLimit_Busy => Resources.Text();
    public static string SendLimit_CapReached(int max, double minutes, string time) => Resources.Format(null, [max, minutes, time]);
    public static string SendLimit_Wait => Resources.Text();
    public static string Login_NotChecked => Resources.Text();
    public static string Login_ProviderLostUser => Resources.Text();
    public static string Login_Replayed => Resources.Text();
    public static string Login_RecoveryCodeRefused => Resources.Text();
    public static string Login_PasskeyRefused => Resources.Text();
    public static string Login_WrongCode => Resources.Text();
    public static string Login_OneAttemptLeft(string refusal) => Resources.Format(null, [refusal]);
    public static string Login_AttemptsLeft(string refusal, int left) => Resources.Format(null, [refusal, left]);
    public static string Login_PasskeyNoAnswer => Resources.Text();
    public static string Login_Verified => Resources.Text();
    public static string Login_Expired => Resources.Text();
    public static string Login_MethodNotAvailable => Resources.Text();
    public static string Login_LockedUntil(string until) => Resources.Format(null, [until]);
    public static string Login_Locked => Resources.Text();
    public static string OneTouch_Title => Resources.Text();
    public static string OneTouch_Account => Resources.Text();
    public static string OneTouch_FromIp => Resources.Text();
    public static string OneTouch_UnknownIp => Resources.Text();
    public static string OneTouch_EnterCodeInstead(string reason) => Resources.Format(null, [reason]);
    public static string OneTouch_Sent => Resources.Text();
    public static string OneTouch_Approved => Resources.Text();
    public static string OneTouch_Denied => Resources.Text();
    public static string OneTouch_Pending => Resources.Text();
    public static string OneTouch_Answered => Resources.Text();
}
