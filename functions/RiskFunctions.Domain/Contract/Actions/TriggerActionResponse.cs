using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Recommendations;

namespace RiskFunctions.Domain.Contract.Actions;

/// <summary>Answer to a reported action (201).</summary>
public sealed record TriggerActionResponse
{
    /// <summary>Token to fetch the recommendation with and to report the action's result.</summary>
    [JsonPropertyName("action_token")]
    public required string ActionToken { get; init; }

    /// <summary>The recommendation, present only when it was asked for with <c>get_recommendation=true</c>.</summary>
    [JsonPropertyName("recommendation")]
    public RecommendationFull? Recommendation { get; init; }
}
