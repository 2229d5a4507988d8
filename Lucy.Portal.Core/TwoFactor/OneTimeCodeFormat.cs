namespace Lucy.Portal.Core.TwoFactor;

/// <summary>
/// How people type codes: apps show "123 456", some people paste "123-456". Every code field (token prompt, wizard
/// steps, current-code dialog) strips the same separators here before the code is checked.
/// </summary>
public static class OneTimeCodeFormat
{
    /// <summary>Room in a code field for the longest code (10 digits, or a recovery code) with separators typed.</summary>
    public const int MaxTypedLength = 20;

    /// <summary>The input without spaces (any white space) and dashes; empty for null.</summary>
    public static string StripSeparators(string? input) =>
        string.Concat((input ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-'));

    /// <summary>Six digits from an authenticator app, or null when the input cannot be one.</summary>
    public static string? Normalize(string? input)
    {
        if (input is null)
        {
            return null;
        }
        var code = StripSeparators(input);
        return code.Length == TotpAlgorithm.Digits && code.All(char.IsAsciiDigit) ? code : null;
    }
}
