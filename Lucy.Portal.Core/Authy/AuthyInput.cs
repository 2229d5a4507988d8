using System.Net.Mail;

namespace Lucy.Portal.Core.Authy;

/// <summary>
/// Client-side checks done before calling Authy, as the official clients do: ids and tokens are digit strings
/// (tokens may start with 0), and anything that would change the URL path is refused.
/// </summary>
public static class AuthyInput
{
    public const int MinTokenLength = 6;
    public const int MaxTokenLength = 10;

    public static bool IsAuthyId(string? value) => IsDigits(value, 1, 18);

    public static bool IsToken(string? value) => IsDigits(value, MinTokenLength, MaxTokenLength);

    public static bool IsCountryCode(string? value) => IsDigits(value, 1, 4);

    /// <summary>Digits after removing the separators people type (spaces, dashes, dots, parentheses).</summary>
    public static string NormalizePhone(string? value) =>
        new((value ?? string.Empty).Where(c => c is not (' ' or '-' or '.' or '(' or ')')).ToArray());

    public static bool IsCellphone(string? normalized) => IsDigits(normalized, 4, 15);

    public static bool IsEmail(string? value) =>
        value is { Length: > 2 and <= 254 } && MailAddress.TryCreate(value, out var address) && address.Address == value;

    /// <summary>OneTouch uuids: letters, digits and dashes only, so they cannot alter the request path.</summary>
    public static bool IsApprovalUuid(string? value) =>
        value is { Length: > 0 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static bool IsDigits(string? value, int min, int max) =>
        value is not null && value.Length >= min && value.Length <= max && value.All(char.IsAsciiDigit);
}
