using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Serialization;

/// <summary>
/// Reads and writes a contract enum as exactly its wire spelling (<see cref="WireEnum{TEnum}"/>).
/// </summary>
/// <remarks>
/// <see cref="JsonStringEnumConverter{TEnum}"/> is deliberately not used: it matches names case-insensitively,
/// accepts integers unless told otherwise and parses comma-joined names into combined values, so <c>"deny"</c>,
/// <c>1</c> or <c>"CHALLENGE, DENY"</c> would slip through where the contract allows one exact spelling.
/// </remarks>
public sealed class WireEnumConverter<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] TEnum>
    : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    /// <inheritdoc />
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        WireEnum<TEnum>.TryRead(ref reader, out var value)
            ? value
            : throw new WireFormatException(WireEnum<TEnum>.ExpectedMessage);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(WireEnum<TEnum>.GetEncodedName(value));
}
