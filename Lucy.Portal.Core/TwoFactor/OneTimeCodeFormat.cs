namespace Lucy.Portal.Core.TwoFactor;

/// <summary>The shape of a code from an authenticator app: six digits, spaces allowed ("123 456").</summary>
public static class OneTimeCodeFormat
{
    public static string? Normalize(string? input)
    {
        if (input is null)
        {
            return null;
        }
        var code = string.Concat(input.Where(c => !char.IsWhiteSpace(c)));
        return code.Length == TotpAlgorithm.Digits && code.All(char.IsAsciiDigit) ? code : null;
    }
}
