using Lucy.Portal.Core.Phones;
namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>The short user-facing sentences behind each outcome, kept in one place so screens say the same thing.</summary>
public static class TwilioVerifyMessages
{
    public const string NotConfigured = "Twilio Verify is not configured. Use a recovery code or ask an administrator.";
    public const string Unavailable = "Twilio Verify is unavailable, try again or use a recovery code.";
    public const string Throttled = "Twilio Verify is busy. Wait a moment and try again.";
    public const string InvalidCredentials = "Twilio refused the credentials. An administrator must check them in Advanced Settings.";
    public const string WrongCode = "That code is not valid.";
    public const string Approved = "Code accepted.";
    public const string NotFound = "That code has expired or was already used. Request a new code.";
    public const string MaxSendAttempts = "Too many codes were requested. Wait 10 minutes, then request a new code.";
    public const string MaxCheckAttempts = "Too many wrong codes. Wait 10 minutes, then request a new code.";
    public const string InvalidPhone = "Twilio refused the phone number. Enter it in international format, e.g. +41791234567.";
    public const string Rejected = "Twilio Verify refused the request.";

    public static string Sent(CodeChannel channel) =>
        channel == CodeChannel.Call ? "We are calling you with your code." : "We sent a code by SMS.";

    public static string ThrottledFor(TimeSpan? retryAfter) =>
        retryAfter is { } wait && wait > TimeSpan.Zero
            ? $"Too many attempts. Try again in {Math.Ceiling(wait.TotalSeconds):0} seconds."
            : Throttled;
}
