namespace Lucy.Portal.Core.Authy;

/// <summary>The short user-facing sentences behind each outcome, kept in one place so screens say the same thing.</summary>
public static class AuthyMessages
{
    public const string NotConfigured = "Authy is not configured. Use a recovery code or ask an administrator.";
    public const string Unavailable = "Authy is unavailable, try again or use a recovery code.";
    public const string Throttled = "Authy is busy. Wait a moment and try again.";
    public const string QuotaReached = "The SMS or call limit has been reached. Use the Authy app or a recovery code.";
    public const string InvalidKey = "Authy refused the API key. An administrator must check it in Advanced Settings.";
    public const string TokenInvalid = "That code is not valid.";
    public const string TokenReused = "That code was already used. Wait for the next one.";
    public const string UserNotFound = "This account is not registered with Authy. Set up two-factor authentication again.";
    public const string NotFound = "Authy no longer knows this request. Start again.";
    public const string InvalidPhone = "Authy refused the phone number. Check the country code and number.";
    public const string InvalidRequest = "Authy refused the request as invalid. Check the details and try again.";
    public const string FeatureDisabled = "This option is not enabled for this Authy application or account.";
    public const string Rejected = "Authy refused the request.";
    public const string Ignored = "Authy did not send a code because the Authy app is installed. Open the app to get your code.";

    public static string ThrottledFor(TimeSpan? retryAfter) =>
        retryAfter is { } wait && wait > TimeSpan.Zero
            ? $"Too many attempts. Try again in {Math.Ceiling(wait.TotalSeconds):0} seconds."
            : Throttled;
}
