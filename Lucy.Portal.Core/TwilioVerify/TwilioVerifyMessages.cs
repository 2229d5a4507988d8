using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.Resources;
namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>The short user-facing sentences behind each outcome, kept in one place so screens say the same thing (Resources/ProviderStrings, current UI culture).</summary>
public static class TwilioVerifyMessages
{
    public static string NotConfigured => ProviderStrings.TwilioVerify_NotConfigured;
    public static string Unavailable => ProviderStrings.TwilioVerify_Unavailable;
    public static string Throttled => ProviderStrings.TwilioVerify_Throttled;
    public static string InvalidCredentials => ProviderStrings.TwilioVerify_InvalidCredentials;
    public static string WrongCode => ProviderStrings.TwilioVerify_WrongCode;
    public static string Approved => TwoFactorStrings.Code_Accepted;
    public static string NotFound => ProviderStrings.TwilioVerify_NotFound;
    public static string MaxSendAttempts => ProviderStrings.TwilioVerify_MaxSendAttempts;
    public static string MaxCheckAttempts => ProviderStrings.TwilioVerify_MaxCheckAttempts;
    public static string InvalidPhone => ProviderStrings.TwilioVerify_InvalidPhone;
    public static string Rejected => ProviderStrings.TwilioVerify_Rejected;

    public static string Sent(CodeChannel channel) =>
        channel == CodeChannel.Call ? TwoFactorStrings.Code_CallingNoNumber : TwoFactorStrings.Code_SentBySmsNoNumber;

    public static string ThrottledFor(TimeSpan? retryAfter) =>
        retryAfter is { } wait && wait > TimeSpan.Zero
            ? ProviderStrings.Provider_TooManyAttempts(Math.Ceiling(wait.TotalSeconds))
            : Throttled;
}
