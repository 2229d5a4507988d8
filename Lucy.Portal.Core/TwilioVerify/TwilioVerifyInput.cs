using System.Text.RegularExpressions;

namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>The shapes Verify accepts, checked locally so a malformed value never costs a request (or an attempt).</summary>
public static partial class TwilioVerifyInput
{
    /// <summary>E.164: a plus, a non-zero digit, 7 to 15 digits in all.</summary>
    public static bool IsE164(string? phone) => phone is not null && E164().IsMatch(phone);

    /// <summary>Verify codes are 4 to 10 digits (6 by default).</summary>
    public static bool IsCode(string? code) => code is not null && Code().IsMatch(code);

    /// <summary>"AC" + 32 hex digits: an Account SID.</summary>
    public static bool IsAccountSid(string? sid) => IsSid(sid, "AC");

    /// <summary>"SK" + 32 hex digits: an API key SID, usable instead of the Account SID with the key's secret.</summary>
    public static bool IsApiKeySid(string? sid) => IsSid(sid, "SK");

    /// <summary>"VA" + 32 hex digits: a Verify Service SID.</summary>
    public static bool IsServiceSid(string? sid) => IsSid(sid, "VA");

    /// <summary>An Auth Token (32 hex digits) or an API key secret (32 letters and digits).</summary>
    public static bool IsAuthToken(string? token) => token is { Length: 32 } && token.All(char.IsAsciiLetterOrDigit);

    /// <summary>A Verify locale such as "en", "de" or "pt-BR".</summary>
    public static bool IsLocale(string? locale) => locale is not null && Locale().IsMatch(locale);

    private static bool IsSid(string? sid, string prefix) =>
        sid is { Length: 34 } && sid.StartsWith(prefix, StringComparison.Ordinal) && !sid.AsSpan(2).ContainsAnyExcept(HexDigits);

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();

    [GeneratedRegex("^[0-9]{4,10}$", RegexOptions.CultureInvariant)]
    private static partial Regex Code();

    [GeneratedRegex("^[a-z]{2}(-[A-Za-z]{2,4})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Locale();
}
