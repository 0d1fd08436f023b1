using System.Text.Json;

namespace RiskFunctions.Handler.Hosting.Invocations;

/// <summary>
/// Undoes the host's value encoding. The host serializes strings, numbers and booleans a second time
/// (<c>"MessageId": "\"4e77\""</c>, <c>"DeliveryCount": "1"</c>), sends dates as bare ISO strings,
/// objects as nested JSON and bytes as base64.
/// </summary>
public static class InvocationValue
{
    /// <summary>
    /// The value as the trigger produced it: a JSON string whose text is itself a JSON value is
    /// unwrapped once; any other string (a date) and any object is returned as it came.
    /// </summary>
    public static JsonElement Decode(JsonElement encoded)
    {
        if (encoded.ValueKind != JsonValueKind.String)
        {
            return encoded;
        }

        try
        {
            using var inner = JsonDocument.Parse(encoded.GetString()!);
            return inner.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Not JSON text: a date or another value the host sent without a second encoding.
            return encoded;
        }
    }

    /// <summary>The decoded value as text: strings unwrapped, numbers and booleans in their JSON form.</summary>
    public static string? DecodeString(JsonElement encoded)
    {
        var value = Decode(encoded);
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
    }
}
