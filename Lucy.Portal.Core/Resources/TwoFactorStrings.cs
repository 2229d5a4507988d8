namespace Lucy.Portal.Core.Resources;

/// <summary>What the user reads about second factors: refused codes, the methods, enrollment; TwoFactorStrings.*.resx, read in the current UI culture (docs/languages.md).</summary>
public static class TwoFactorStrings
{
    internal static CoreResources Resources { get; } = new(typeof(TwoFactorStrings));

    public static string Code_Malformed => Resources.Text();
    public static string Code_Invalid => Resources.Text();
    public static string Code_LockedOut => Resources.Text();
    public static string Code_NotEnabled => Resources.Text();
    public static string Code_ProviderUnavailable => Resources.Text();
    public static string Code_CodeExpired => Resources.Text();
    public static string Code_SameFactor => Resources.Text();
    public static string Code_SentBySms(string phone) => Resources.Format(null, [phone]);
    public static string Code_CallingWithCode(string phone) => Resources.Format(null, [phone]);
    public static string Code_SentBySmsNoNumber => Resources.Text();
    public static string Code_CallingNoNumber => Resources.Text();
    public static string Code_Accepted => Resources.Text();
    public static string Code_ExpiredSendNew => Resources.Text();
    public static string Code_WrongTryNewest => Resources.Text();
    public static string Code_TooManyFailedTryLater => Resources.Text();
    public static string Enrollment_NeedsPhone => Resources.Text();
    public static string Fallback_RecoveryCode => Resources.Text();
    public static string Authenticator_Name => Resources.Text();
    public static string Authenticator_Malformed => Resources.Text();
    public static string Authenticator_CodeLabel => Resources.Text();
    public static string Authenticator_CodeHint => Resources.Text();
    public static string Authenticator_Description => Resources.Text();
    public static string Authy_Malformed => Resources.Text();
    public static string Authy_CodeLabel => Resources.Text();
    public static string Authy_CodeHint => Resources.Text();
    public static string Authy_NotSetUpForAccount => Resources.Text();
    public static string Authy_Fallback => Resources.Text();
    public static string Authy_Description => Resources.Text();
    public static string Authy_LabelNote => Resources.Text();
    public static string Authy_NotConfiguredForPortal => Resources.Text();
    public static string Authy_PhoneRefusedCheckAccount => Resources.Text();
    public static string Authy_PhoneRegistered => Resources.Text();
    public static string Authy_StartAgainNotRegistered => Resources.Text();
    public static string Authy_EnrollmentMalformed => Resources.Text();
    public static string Authy_SetUp => Resources.Text();
    public static string Recovery_Name => Resources.Text();
    public static string Recovery_Malformed => Resources.Text();
    public static string Recovery_CodeHint(int left) => Resources.Format(null, [left]);
    public static string Recovery_Description => Resources.Text();
    public static string Recovery_Blocker => Resources.Text();
    public static string TwilioVerify_Name => Resources.Text();
    public static string TwilioVerify_Malformed => Resources.Text();
    public static string TwilioVerify_CodeHint => Resources.Text();
    public static string TwilioVerify_EnrollmentName => Resources.Text();
    public static string TwilioVerify_Description => Resources.Text();
    public static string TwilioVerify_PhoneConfirmed => Resources.Text();
    public static string TwilioVerify_NotStarted => Resources.Text();
    public static string Passkey_Name => Resources.Text();
    public static string Passkey_Malformed => Resources.Text();
    public static string Passkey_Description => Resources.Text();
    public static string Passkey_LabelNote => Resources.Text();
    public static string Passkey_NotAdded => Resources.Text();
    public static string Passkey_NotSaved => Resources.Text();
    public static string Passkey_OnlyFactor => Resources.Text();
    public static string Passkey_NoLongerExists => Resources.Text();
    public static string Passkey_NotRemoved => Resources.Text();
    public static string Passkey_NameRequired => Resources.Text();
    public static string Passkey_NameTooLong(int max) => Resources.Format(null, [max]);
    public static string Passkey_NameControlCharacters => Resources.Text();
}
