using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Lucy.Portal.Tests.Fakes;

/// <summary>
/// Signs OneTouch callbacks as Authy does (docs/authy-onetouch-callback.md), written apart from the
/// portal's validator so a shared misreading of the algorithm cannot make both agree:
/// Base64(HMAC-SHA256(api key, nonce|METHOD|url without query|sorted, encoded, flattened parameters)).
/// </summary>
public static class FakeAuthyCallbackSigner
{
    public static string Sign(string apiKey, string nonce, string method, string urlWithoutQuery, IEnumerable<(string Key, string Value)> parameters)
    {
        var encoded = parameters.Select(p => Encode(p.Key) + "=" + Encode(p.Value)).ToList();
        encoded.Sort(string.CompareOrdinal);
        var data = $"{nonce}|{method.ToUpperInvariant()}|{urlWithoutQuery}|{string.Join("&", encoded)}";
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(apiKey));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(data)));
    }

    /// <summary>Nested objects as a[b][c], array items as a[], null as "", booleans as true/false; {} gives nothing.</summary>
    public static List<(string Key, string Value)> Flatten(JsonObject body)
    {
        var pairs = new List<(string, string)>();
        foreach (var (name, value) in body)
        {
            Add(name, value, pairs);
        }
        return pairs;
    }

    private static void Add(string key, JsonNode? node, List<(string, string)> pairs)
    {
        switch (node)
        {
            case null:
                pairs.Add((key, ""));
                break;
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    Add($"{key}[{name}]", value, pairs);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Add(key + "[]", item, pairs);
                }
                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                pairs.Add((key, text));
                break;
            case JsonValue value when value.TryGetValue<bool>(out var flag):
                pairs.Add((key, flag ? "true" : "false"));
                break;
            default:
                // Numbers as written in the JSON.
                pairs.Add((key, node.ToJsonString()));
                break;
        }
    }

    // RFC 3986 unreserved characters stay; every other UTF-8 byte becomes %XX; a space becomes '+'.
    private static string Encode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else if (c == ' ')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }
}
