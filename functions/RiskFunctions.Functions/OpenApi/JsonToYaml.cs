using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RiskFunctions.Functions.OpenApi;

/// <summary>
/// Writes a JSON document as block-style YAML. Every string and key is written as a JSON string literal, which
/// YAML 1.2 reads as a double-quoted scalar with the same value, so no YAML quoting rule can change a value.
/// </summary>
internal static class JsonToYaml
{
    private const int Step = 2;

    public static string Convert(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var builder = new StringBuilder(json.Length);
        var root = document.RootElement;
        if (IsBlock(root))
        {
            WriteBlock(builder, root, 0, padFirstLine: true);
        }
        else
        {
            builder.Append(Scalar(root)).Append('\n');
        }

        return builder.ToString();
    }

    private static void WriteBlock(StringBuilder builder, JsonElement element, int indent, bool padFirstLine)
    {
        var first = true;
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                Pad(builder, indent, first && !padFirstLine);
                builder.Append(Quote(property.Name)).Append(':');
                WriteValue(builder, property.Value, indent + Step);
                first = false;
            }
        }
        else
        {
            foreach (var item in element.EnumerateArray())
            {
                Pad(builder, indent, first && !padFirstLine);
                builder.Append('-');
                if (item.ValueKind == JsonValueKind.Object && IsBlock(item))
                {
                    // "- key: value" with the item's further keys aligned under the first.
                    builder.Append(' ');
                    WriteBlock(builder, item, indent + Step, padFirstLine: false);
                }
                else
                {
                    WriteValue(builder, item, indent + Step);
                }

                first = false;
            }
        }
    }

    private static void WriteValue(StringBuilder builder, JsonElement value, int indent)
    {
        if (IsBlock(value))
        {
            builder.Append('\n');
            WriteBlock(builder, value, indent, padFirstLine: true);
        }
        else
        {
            builder.Append(' ').Append(Scalar(value)).Append('\n');
        }
    }

    private static bool IsBlock(JsonElement element) =>
        (element.ValueKind == JsonValueKind.Object && element.EnumerateObject().Any())
        || (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() > 0);

    private static string Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => Quote(element.GetString()!),
        JsonValueKind.Object => "{}",
        JsonValueKind.Array => "[]",
        _ => element.GetRawText(),
    };

    private static string Quote(string text) =>
        string.Concat("\"", JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(), "\"");

    private static void Pad(StringBuilder builder, int indent, bool continuation)
    {
        if (!continuation)
        {
            builder.Append(' ', indent);
        }
    }
}
