using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Dialects.Ravelin;

/// <summary>Ravelin fraud category of a customer label request.</summary>
[JsonConverter(typeof(WireEnumConverter<RavelinCategory>))]
public enum RavelinCategory
{
    [JsonStringEnumMemberName("PAYMENT_FRAUD")]
    PaymentFraud,

    [JsonStringEnumMemberName("REFUND_ABUSE")]
    RefundAbuse,
}
