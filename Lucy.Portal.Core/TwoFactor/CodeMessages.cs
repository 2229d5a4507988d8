using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>What the user reads when a code is refused; the same words on every screen, in the current UI culture (Resources/TwoFactorStrings).</summary>
public static class CodeMessages
{
    public static string Malformed => TwoFactorStrings.Code_Malformed;
    public static string Invalid => TwoFactorStrings.Code_Invalid;
    public static string LockedOut => TwoFactorStrings.Code_LockedOut;
    public static string NotEnabled => TwoFactorStrings.Code_NotEnabled;
    public static string ProviderUnavailable => TwoFactorStrings.Code_ProviderUnavailable;
    public static string CodeExpired => TwoFactorStrings.Code_CodeExpired;

    public static string SameFactor => TwoFactorStrings.Code_SameFactor;

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
