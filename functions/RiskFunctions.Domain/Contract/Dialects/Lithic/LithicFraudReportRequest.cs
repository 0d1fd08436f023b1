using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Dialects.Lithic;

/// <summary>Body of Lithic's <c>POST /v1/fraud/transactions/{transaction_token}</c>: creates or updates a fraud report.</summary>
public sealed record LithicFraudReportRequest
{
    /// <summary>Required. <see cref="LithicFraudStatus.NoReportedFraud"/> cannot be reported.</summary>
    [JsonPropertyName("fraud_status")]
    [JsonConverter(typeof(LithicReportableStatusConverter))]
    public LithicFraudStatus? FraudStatus { get; init; }

    [JsonPropertyName("fraud_type")]
    public LithicFraudType? FraudType { get; init; }

    /// <summary>Why the transaction is considered fraudulent (or not).</summary>
    [JsonPropertyName("comment")]
    public string? Comment { get; init; }
}
