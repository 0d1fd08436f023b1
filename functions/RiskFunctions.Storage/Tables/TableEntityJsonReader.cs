using System.Globalization;
using System.Text.Json;
using Azure;

namespace RiskFunctions.Storage.Tables;

/// <summary>Reads entities from the service's JSON (minimal metadata), honoring type annotations.</summary>
internal static class TableEntityJsonReader
{
    public static T ReadEntity<T>(JsonElement element)
        where T : class, ITableEntity
    {
        Dictionary<string, string>? types = null;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.EndsWith(TableEdmType.AnnotationSuffix, StringComparison.Ordinal))
            {
                types ??= new(StringComparer.Ordinal);
                types[property.Name[..^TableEdmType.AnnotationSuffix.Length]] = property.Value.GetString() ?? string.Empty;
            }
        }

        var etag = default(ETag);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name == TableEntityProperties.ETagName)
            {
                etag = new ETag(property.Value.GetString()!);
            }
            else if (!name.StartsWith("odata.", StringComparison.Ordinal) && !name.Contains('@', StringComparison.Ordinal))
            {
                var edmType = types?.GetValueOrDefault(name) ?? (name == TableEntity.TimestampName ? TableEdmType.DateTime : null);
                values[name] = ReadValue(property.Value, edmType);
            }
        }

        return TableEntityProperties.ToEntity<T>(values, etag);
    }

    private static object? ReadValue(JsonElement value, string? edmType) => edmType switch
    {
        _ when value.ValueKind == JsonValueKind.Null => null,
        TableEdmType.Int64 => long.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture),
        TableEdmType.DateTime => TableValueConvert.ParseDateTime(value.GetString()!),
        TableEdmType.Guid => Guid.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        TableEdmType.Binary => value.GetBytesFromBase64(),
        TableEdmType.Double => ReadDouble(value),
        TableEdmType.Int32 => value.GetInt32(),
        TableEdmType.Boolean => value.GetBoolean(),
        TableEdmType.String => value.GetString(),
        _ => ReadUntyped(value),
    };

    private static double ReadDouble(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? value.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var text => double.Parse(text!, NumberStyles.Float, CultureInfo.InvariantCulture),
        }
        : value.GetDouble();

    /// <summary>JSON's own types: an integer literal is Int32, anything with a fraction or exponent is Double.</summary>
    private static object? ReadUntyped(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when IsIntegerLiteral(value) && value.TryGetInt32(out var number) => number,
        JsonValueKind.Number => value.GetDouble(),
        _ => throw new FormatException($"Unexpected JSON {value.ValueKind} in a table entity."),
    };

    private static bool IsIntegerLiteral(JsonElement value) => value.GetRawText().AsSpan().IndexOfAny(".eE") < 0;
}
