using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Dialects.Ravelin;

/// <summary>Ravelin fraud category as its label response spells it (camelCase).</summary>
[JsonConverter(typeof(WireEnumConverter<RavelinResponseCategory>))]
public enum RavelinResponseCategory
{
    [JsonStringEnumMemberName("paymentFraud")]
    PaymentFraud,

    [JsonStringEnumMemberName("refundAbuse")]
    RefundAbuse,
}
