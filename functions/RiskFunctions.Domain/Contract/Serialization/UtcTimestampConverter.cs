using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Serialization;

/// <summary>
/// Reads an ISO 8601 timestamp with any offset and writes it in UTC with a <c>Z</c> suffix and seven
/// fractional digits (<c>2025-01-27T16:43:58.1642602Z</c>), the form the vendor dialects use.
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var value)
            ? value.ToUniversalTime()
            : throw new WireFormatException("must be an ISO 8601 date and time");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
}
