using System.Security.Cryptography;
using System.Text;

namespace Lucy.Portal.Core.Authy.Callbacks;

/// <summary>
/// The OneTouch callback signature: Base64(HMAC-SHA256(api key, nonce|METHOD|url|sorted encoded params)).
/// </summary>
public static class AuthyCallbackSignature
{
    public static string Compute(string apiKey, string nonce, string method, Uri url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var data = string.Join('|', nonce, method.ToUpperInvariant(), url.GetLeftPart(UriPartial.Path), SortedQuery(parameters));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiKey), Encoding.UTF8.GetBytes(data));
        return Convert.ToBase64String(mac);
    }

    /// <summary>Compares in constant time so a forger learns nothing from how long a refusal takes.</summary>
    public static bool Matches(string expected, string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented.Trim()));
    }

    /// <summary>Percent-encoded (brackets too, %20 as '+'), sorted case-sensitively, joined with '&amp;'.</summary>
    internal static string SortedQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters
            .Select(p => $"{Encode(p.Key)}={Encode(p.Value)}")
            .Order(StringComparer.Ordinal));

    private static string Encode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);
}
