using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Contract.Serialization;
using RiskFunctions.Domain.Contract.Transactions;

namespace RiskFunctions.Domain.Contract.Recommendations;

/// <summary>
/// The recommendation for one reported action (<c>recommendation_full</c>): computed when the action is
/// triggered, stored with it, and returned by <c>GET /recommendation</c>.
/// </summary>
public sealed record RecommendationFull
{
    /// <summary>Recommendation identifier.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Unix epoch time in milliseconds this recommendation was issued at.</summary>
    [JsonPropertyName("issued_at")]
    public required long IssuedAt { get; init; }

    [JsonPropertyName("recommendation")]
    public required Recommendation Recommendation { get; init; }

    /// <summary>Risk level of the action, 0 to 100.</summary>
    [JsonPropertyName("risk_score")]
    public required double RiskScore { get; init; }

    [JsonPropertyName("context")]
    public required RecommendationContext Context { get; init; }

    [JsonPropertyName("risk_signals")]
    public RiskSignals? RiskSignals { get; init; }

    /// <summary>Reason codes that contributed to the recommendation (an open set of stable codes).</summary>
    [JsonPropertyName("reasons")]
    public required IReadOnlyList<string> Reasons { get; init; }

    [JsonPropertyName("transaction_data")]
    public TransactionData? TransactionData { get; init; }

    /// <summary>The action's custom attributes that were valid (string, number or boolean values).</summary>
    [JsonPropertyName("custom_attributes")]
    [JsonConverter(typeof(CustomAttributesConverter))]
    public IReadOnlyDictionary<string, CustomAttributeValue>? CustomAttributes { get; init; }

    /// <summary>Detected threats (an open set, e.g. <c>ACCOUNT_TAKEOVER</c>, <c>NEW_FRAUD_ACCOUNT</c>).</summary>
    [JsonPropertyName("threats")]
    public IReadOnlyList<string>? Threats { get; init; }

    [JsonPropertyName("preview_rule")]
    public PreviewRule? PreviewRule { get; init; }
}
