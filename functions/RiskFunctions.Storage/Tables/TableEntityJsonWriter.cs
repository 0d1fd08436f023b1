using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RiskFunctions.Storage.Tables;

/// <summary>Writes an entity in the service's JSON format, annotating every type JSON cannot express.</summary>
internal static class TableEntityJsonWriter
{
    /// <summary>
    /// Relaxed escaping keeps non-ASCII text as UTF-8 (half the bytes of \u escapes); the payload is never
    /// embedded in HTML, which is what the default encoder guards against.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ReadOnlyMemory<byte> ToUtf8(IEnumerable<KeyValuePair<string, object?>> properties)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        WriteTo(buffer, properties);
        return buffer.WrittenMemory;
    }

    /// <summary>Appends the entity's JSON to <paramref name="output"/> (a request body being assembled).</summary>
    public static void WriteTo(IBufferWriter<byte> output, IEnumerable<KeyValuePair<string, object?>> properties)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        Write(writer, properties);
    }

    private static void Write(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, object?>> properties)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in properties)
        {
            if (value is not null && name is not (TableEntity.TimestampName or TableEntityProperties.ETagName))
            {
                WriteProperty(writer, name, value);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string text:
                writer.WriteString(name, text);
                break;
            case int number:
                writer.WriteNumber(name, number);
                break;
            case bool flag:
                writer.WriteBoolean(name, flag);
                break;
            case long number:
                Annotate(writer, name, TableEdmType.Int64);
                writer.WriteString(name, TableValueConvert.FormatInt64(number));
                break;
            case double number:
                WriteDouble(writer, name, number);
                break;
            case DateTimeOffset instant:
                Annotate(writer, name, TableEdmType.DateTime);
                writer.WriteString(name, TableValueConvert.FormatDateTime(instant));
                break;
            case DateTime instant:
                Annotate(writer, name, TableEdmType.DateTime);
                writer.WriteString(name, TableValueConvert.FormatDateTime(TableValueConvert.ToUtc(instant)));
                break;
            case Guid id:
                Annotate(writer, name, TableEdmType.Guid);
                writer.WriteString(name, TableValueConvert.FormatGuid(id));
                break;
            case byte[] bytes:
                Annotate(writer, name, TableEdmType.Binary);
                writer.WriteBase64String(name, bytes);
                break;
            case BinaryData data:
                Annotate(writer, name, TableEdmType.Binary);
                writer.WriteBase64String(name, data.ToMemory().Span);
                break;
            case Enum enumValue:
                writer.WriteString(name, enumValue.ToString());
                break;
            default:
                throw new InvalidTableEntityException(
                    $"Property '{name}' has type {value.GetType().Name}, which the Table service cannot store.");
        }
    }

    /// <summary>
    /// Always annotated: a whole number such as 3.0 would otherwise come back as Int32. Non-finite values travel
    /// as the strings the service defines for them.
    /// </summary>
    private static void WriteDouble(Utf8JsonWriter writer, string name, double number)
    {
        Annotate(writer, name, TableEdmType.Double);
        if (double.IsNaN(number))
        {
            writer.WriteString(name, "NaN");
        }
        else if (double.IsInfinity(number))
        {
            writer.WriteString(name, number > 0 ? "Infinity" : "-Infinity");
        }
        else
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(TableValueConvert.FormatDouble(number), skipInputValidation: true);
        }
    }

    private static void Annotate(Utf8JsonWriter writer, string name, string edmType) =>
        writer.WriteString(name + TableEdmType.AnnotationSuffix, edmType);
}
