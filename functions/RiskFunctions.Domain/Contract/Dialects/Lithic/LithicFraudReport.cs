using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Dialects.Lithic;

/// <summary>
/// A transaction's fraud report as Lithic returns it. Every field is always written, <c>null</c> when unset,
/// as Lithic does; an unreported transaction has <see cref="LithicFraudStatus.NoReportedFraud"/> and no times.
/// </summary>
public sealed record LithicFraudReport
{
    [JsonPropertyName("transaction_token")]
    public required string TransactionToken { get; init; }

    [JsonPropertyName("fraud_status")]
    public required LithicFraudStatus FraudStatus { get; init; }

    [JsonPropertyName("fraud_type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public LithicFraudType? FraudType { get; init; }

    [JsonPropertyName("comment")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Comment { get; init; }

    [JsonPropertyName("created_at")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [JsonConverter(typeof(UtcTimestampConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonPropertyName("updated_at")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [JsonConverter(typeof(UtcTimestampConverter))]
    public DateTimeOffset? UpdatedAt { get; init; }
}
