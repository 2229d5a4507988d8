using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Authy;

/// <summary>The short user-facing sentences behind each outcome, kept in one place so screens say the same thing (Resources/ProviderStrings, current UI culture).</summary>
public static class AuthyMessages
{
    public static string NotConfigured => ProviderStrings.Authy_NotConfigured;
    public static string Unavailable => ProviderStrings.Authy_Unavailable;
    public static string Throttled => ProviderStrings.Authy_Throttled;
    public static string QuotaReached => ProviderStrings.Authy_QuotaReached;
    public static string InvalidKey => ProviderStrings.Authy_InvalidKey;
    public static string TokenInvalid => ProviderStrings.Authy_TokenInvalid;
    public static string TokenReused => ProviderStrings.Authy_TokenReused;
    public static string UserNotFound => ProviderStrings.Authy_UserNotFound;
    public static string NotFound => ProviderStrings.Authy_NotFound;
    public static string InvalidPhone => ProviderStrings.Authy_InvalidPhone;
    public static string InvalidRequest => ProviderStrings.Authy_InvalidRequest;
    public static string FeatureDisabled => ProviderStrings.Authy_FeatureDisabled;
    public static string Rejected => ProviderStrings.Authy_Rejected;
    public static string Ignored => ProviderStrings.Authy_Ignored;

    public static string ThrottledFor(TimeSpan? retryAfter) =>
        retryAfter is { } wait && wait > TimeSpan.Zero
            ? ProviderStrings.Provider_TooManyAttempts(Math.Ceiling(wait.TotalSeconds))
            : Throttled;
}
