using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Dialects.Ravelin;

/// <summary>Ravelin review of a customer. Which reviews are allowed depends on the category.</summary>
[JsonConverter(typeof(WireEnumConverter<RavelinReview>))]
public enum RavelinReview
{
    /// <summary>PAYMENT_FRAUD: a fraudster.</summary>
    [JsonStringEnumMemberName("FRAUDSTER")]
    Fraudster,

    /// <summary>PAYMENT_FRAUD: a genuine customer.</summary>
    [JsonStringEnumMemberName("GENUINE")]
    Genuine,

    /// <summary>PAYMENT_FRAUD, only where enabled for the tenant: probably a fraudster.</summary>
    [JsonStringEnumMemberName("POTENTIALLY_FRAUDSTER")]
    PotentiallyFraudster,

    /// <summary>PAYMENT_FRAUD, only where enabled for the tenant: probably genuine.</summary>
    [JsonStringEnumMemberName("POTENTIALLY_GENUINE")]
    PotentiallyGenuine,

    /// <summary>REFUND_ABUSE: abuses refunds.</summary>
    [JsonStringEnumMemberName("REFUND_ABUSE")]
    RefundAbuse,

    /// <summary>REFUND_ABUSE: does not abuse refunds.</summary>
    [JsonStringEnumMemberName("NOT_REFUND_ABUSE")]
    NotRefundAbuse,

    /// <summary>Either category: withdraws an earlier review.</summary>
    [JsonStringEnumMemberName("UNREVIEWED")]
    Unreviewed,
}
