using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Serialization;

/// <summary>
/// Reads every string array of the contract (matcher values, reasons, languages, ...) refusing <c>null</c> and
/// non-string items. The serializer's own nullability checks stop at collection elements, so without this a
/// <c>[null]</c> would reach the validators and engines as a null string.
/// </summary>
public sealed class StringListConverter : JsonConverter<IReadOnlyList<string>>
{
    /// <inheritdoc />
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new WireFormatException("must be an array of strings");
        }

        var items = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new WireFormatException(string.Create(
                    CultureInfo.InvariantCulture, $"must be an array of strings (item {items.Count} is not a string)"));
            }

            items.Add(reader.GetString()!);
        }

        return items;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }
}
