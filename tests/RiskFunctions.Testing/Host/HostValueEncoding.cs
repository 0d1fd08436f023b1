using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RiskFunctions.Testing.Host;

/// <summary>
/// How the host turns a trigger or metadata value into envelope JSON (its
/// <c>GetHttpScriptInvocationContextValue</c> with Newtonsoft.Json): bytes become base64; dates are
/// re-parsed from their text (seconds precision, no zone); objects become nested JSON; everything else
/// (strings, numbers, booleans, arrays) is serialized to JSON text and sent as a string.
/// </summary>
public static class HostValueEncoding
{
    // Newtonsoft.Json does not escape non-ASCII characters; System.Text.Json does unless told not to.
    private static readonly JsonSerializerOptions NativeJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The envelope value of <paramref name="value"/>; null for null (the host omits those).</summary>
    public static JsonNode? Encode(object? value) => value switch
    {
        null => null,
        byte[] bytes => JsonValue.Create(Convert.ToBase64String(bytes)),
        ReadOnlyMemory<byte> memory => JsonValue.Create(Convert.ToBase64String(memory.Span)),
        DateTime dateTime => JsonValue.Create(dateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
        DateTimeOffset offset => JsonValue.Create(offset.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)),
        JsonElement { ValueKind: JsonValueKind.Object } element => JsonNode.Parse(element.GetRawText()),
        JsonObject node => node.DeepClone(),
        IDictionary dictionary => EncodeObject(dictionary),
        string or IEnumerable or JsonElement or JsonNode => JsonValue.Create(JsonSerializer.Serialize(value, value.GetType(), NativeJson)),
        _ when value.GetType().IsPrimitive || value is decimal || value.GetType().IsEnum => JsonValue.Create(JsonSerializer.Serialize(value, value.GetType(), NativeJson)),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), NativeJson),
    };

    /// <summary>An object value (application properties, the <c>sys</c> block): nested JSON, values not re-encoded.</summary>
    private static JsonObject EncodeObject(IDictionary dictionary)
    {
        var result = new JsonObject();
        foreach (DictionaryEntry entry in dictionary)
        {
            result[(string)entry.Key] = entry.Value switch
            {
                null => null,
                DateTime dateTime => JsonValue.Create(dateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture)),
                _ => JsonSerializer.SerializeToNode(entry.Value, entry.Value.GetType(), NativeJson),
            };
        }

        return result;
    }

    /// <summary>A <c>Data</c> or <c>Metadata</c> object: every non-null value encoded, nulls left out.</summary>
    public static JsonObject EncodeAll(IEnumerable<KeyValuePair<string, object?>> values)
    {
        var result = new JsonObject();
        foreach (var (key, value) in values)
        {
            if (Encode(value) is { } encoded)
            {
                result[key] = encoded;
            }
        }

        return result;
    }
}
