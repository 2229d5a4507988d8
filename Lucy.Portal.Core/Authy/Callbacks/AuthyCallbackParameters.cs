using System.Text.Json;

namespace Lucy.Portal.Core.Authy.Callbacks;

/// <summary>
/// Flattens a callback body the way Authy signs it (authy-api.md §1a): nested keys become a[b][c], array items
/// a[], null an empty value, booleans true/false, and empty objects produce nothing.
/// </summary>
public static class AuthyCallbackParameters
{
    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(JsonElement body)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (body.ValueKind == JsonValueKind.Object)
        {
            Walk(body, prefix: string.Empty, pairs);
        }

        return pairs;
    }

    private static void Walk(JsonElement element, string prefix, List<KeyValuePair<string, string>> pairs)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}[{property.Name}]", pairs);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, prefix + "[]", pairs);
                }

                break;
            case JsonValueKind.String:
                pairs.Add(new(prefix, element.GetString() ?? string.Empty));
                break;
            case JsonValueKind.Number:
                pairs.Add(new(prefix, element.GetRawText()));
                break;
            case JsonValueKind.True:
                pairs.Add(new(prefix, "true"));
                break;
            case JsonValueKind.False:
                pairs.Add(new(prefix, "false"));
                break;
            default:
                pairs.Add(new(prefix, string.Empty));
                break;
        }
    }
}
