using System.Text.Json;
using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Actions;

namespace RiskFunctions.Domain.Contract.Serialization;

/// <summary>
/// Reads <c>custom_attributes</c> the way the contract describes them: attributes whose value is not a string,
/// a number or a boolean are ignored (and so never echoed back), and a <c>custom_attributes</c> that is not an
/// object at all is ignored as a whole, instead of failing the action that carries it.
/// </summary>
public sealed class CustomAttributesConverter : JsonConverter<IReadOnlyDictionary<string, CustomAttributeValue>>
{
    /// <inheritdoc />
    public override bool HandleNull => false;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, CustomAttributeValue>? Read(
        ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        var attributes = new Dictionary<string, CustomAttributeValue>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    attributes[name] = CustomAttributeValue.FromString(reader.GetString()!);
                    break;
                case JsonTokenType.Number when reader.TryGetDouble(out var number) && double.IsFinite(number):
                    attributes[name] = CustomAttributeValue.FromNumber(number);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    attributes[name] = CustomAttributeValue.FromBoolean(reader.GetBoolean());
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return attributes;
    }

    /// <inheritdoc />
    public override void Write(
        Utf8JsonWriter writer, IReadOnlyDictionary<string, CustomAttributeValue> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, attribute) in value)
        {
            writer.WritePropertyName(name);
            switch (attribute.Kind)
            {
                case CustomAttributeKind.String:
                    writer.WriteStringValue(attribute.AsString());
                    break;
                case CustomAttributeKind.Number:
                    writer.WriteNumberValue(attribute.AsNumber());
                    break;
                default:
                    writer.WriteBooleanValue(attribute.AsBoolean());
                    break;
            }
        }

        writer.WriteEndObject();
    }
}
