namespace Lucy.Portal.Core.TwoFactor;

/// <summary>What the user reads when a code is refused; the same words on every screen.</summary>
public static class CodeMessages
{
    public const string Malformed = "Enter the 6-digit code from your app, or a recovery code like ABCDE-23456.";
    public const string Invalid = "That code is not right. Check your app and try again.";
    public const string LockedOut = "Too many wrong codes: your account is locked for a while and you are being logged out.";
    public const string NotEnabled = "2FA is not on for your account.";
    public const string ProviderUnavailable = "The 2FA provider is unavailable right now. Try again in a moment, or use a recovery code.";
    public const string CodeExpired = "No code is waiting for your phone (it expired or was used). Send a new one, or use a recovery code.";

    public const string SameFactor = "Use a code from another factor, or a recovery code, to remove this one.";

    public static string? For(CurrentFactorCheck check) => check switch
    {
        CurrentFactorCheck.Accepted => null,
        CurrentFactorCheck.Malformed => Malformed,
        CurrentFactorCheck.InvalidCode => Invalid,
        CurrentFactorCheck.LockedOut => LockedOut,
        CurrentFactorCheck.ProviderUnavailable => ProviderUnavailable,
        CurrentFactorCheck.CodeExpired => CodeExpired,
        CurrentFactorCheck.SameFactor => SameFactor,
        _ => NotEnabled,
    };
}
