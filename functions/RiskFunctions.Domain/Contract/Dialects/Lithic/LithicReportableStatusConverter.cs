using System.Text.Json;
using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Dialects.Lithic;

/// <summary>
/// Reads <c>fraud_status</c> of a report request: an unknown value is answered with the statuses a client can send,
/// which leave out <see cref="LithicFraudStatus.NoReportedFraud"/> (it only appears in answers). That one is read, so
/// the validator can say why it is refused.
/// </summary>
public sealed class LithicReportableStatusConverter : JsonConverter<LithicFraudStatus?>
{
    /// <summary>What a client may send.</summary>
    public const string ExpectedMessage = "must be one of SUSPECTED_FRAUD, FRAUDULENT, NOT_FRAUDULENT";

    /// <inheritdoc />
    public override LithicFraudStatus? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        WireEnum<LithicFraudStatus>.TryRead(ref reader, out var value) ? value : throw new WireFormatException(ExpectedMessage);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, LithicFraudStatus? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } status)
        {
            writer.WriteStringValue(WireEnum<LithicFraudStatus>.GetName(status));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
