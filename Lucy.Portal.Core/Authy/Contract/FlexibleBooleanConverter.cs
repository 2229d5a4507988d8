using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lucy.Portal.Core.Authy.Contract;

/// <summary>Reads Authy's booleans, which sometimes arrive as strings ("true" in verify, "false" in old errors).</summary>
public sealed class FlexibleBooleanConverter : JsonConverter<bool?>
{
    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String:
                var text = reader.GetString();
                return bool.TryParse(text, out var parsed) ? parsed : null;
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var number) ? number != 0 : null;
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is { } b)
        {
            writer.WriteBooleanValue(b);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
