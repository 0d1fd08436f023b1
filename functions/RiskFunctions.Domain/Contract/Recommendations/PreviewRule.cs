using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Recommendations;

/// <summary>
/// The preview-mode rule that would have determined this action's recommendation if every enabled rule were
/// in production. Reported for impact analysis; it changes nothing.
/// </summary>
public sealed record PreviewRule
{
    [JsonPropertyName("rule_name")]
    public string? RuleName { get; init; }

    /// <summary>Recommendation the preview rule would have applied.</summary>
    [JsonPropertyName("recommendation")]
    public RecommendationType? Recommendation { get; init; }

    /// <summary>Risk score the preview rule would have applied.</summary>
    [JsonPropertyName("risk_score")]
    public double? RiskScore { get; init; }
}
