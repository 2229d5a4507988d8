namespace Lucy.Portal.Core.Resources;

/// <summary>What Authy and Twilio Verify outcomes say to the user and the administrator; ProviderStrings.*.resx, read in the current UI culture (docs/languages.md).</summary>
public static class ProviderStrings
{
    internal static CoreResources Resources { get; } = new(typeof(ProviderStrings));

    public static string Authy_NotConfigured => Resources.Text();
    public static string Authy_Unavailable => Resources.Text();
    public static string Authy_Throttled => Resources.Text();
    public static string Authy_QuotaReached => Resources.Text();
    public static string Authy_InvalidKey => Resources.Text();
    public static string Authy_TokenInvalid => Resources.Text();
    public static string Authy_TokenReused => Resources.Text();
    public static string Authy_UserNotFound => Resources.Text();
    public static string Authy_NotFound => Resources.Text();
    public static string Authy_InvalidPhone => Resources.Text();
    public static string Authy_InvalidRequest => Resources.Text();
    public static string Authy_FeatureDisabled => Resources.Text();
    public static string Authy_Rejected => Resources.Text();
    public static string Authy_Ignored => Resources.Text();
    public static string Authy_EmailInvalid => Resources.Text();
    public static string Authy_ApprovalSent => Resources.Text();
    public static string Authy_ApprovalPending => Resources.Text();
    public static string Authy_ApprovalApproved => Resources.Text();
    public static string Authy_ApprovalDenied => Resources.Text();
    public static string Authy_ApprovalExpired => Resources.Text();
    public static string Authy_KeyMissing => Resources.Text();
    public static string Authy_KeyAccepted(string application) => Resources.Format(null, [application]);
    public static string Authy_KeyRefused => Resources.Text();
    public static string Provider_TooManyAttempts(double seconds) => Resources.Format(null, [seconds]);
    public static string TwilioVerify_NotConfigured => Resources.Text();
    public static string TwilioVerify_Unavailable => Resources.Text();
    public static string TwilioVerify_Throttled => Resources.Text();
    public static string TwilioVerify_InvalidCredentials => Resources.Text();
    public static string TwilioVerify_WrongCode => Resources.Text();
    public static string TwilioVerify_NotFound => Resources.Text();
    public static string TwilioVerify_MaxSendAttempts => Resources.Text();
    public static string TwilioVerify_MaxCheckAttempts => Resources.Text();
    public static string TwilioVerify_InvalidPhone => Resources.Text();
    public static string TwilioVerify_Rejected => Resources.Text();
    public static string TwilioVerify_CredentialsMissing => Resources.Text();
    public static string TwilioVerify_CredentialsAccepted(string service) => Resources.Format(null, [service]);
    public static string TwilioVerify_CredentialsRefused => Resources.Text();
    public static string TwilioVerify_ServiceNotFound => Resources.Text();
}
