using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Recommendations;

/// <summary>Decision the engine produced for the action, and the outcome the client reported for it.</summary>
public sealed record Recommendation
{
    [JsonPropertyName("type")]
    public required RecommendationType Type { get; init; }

    /// <summary>
    /// The outcome of the action; <c>null</c> until the client reports it. Always written, as the contract
    /// declares it nullable rather than optional.
    /// </summary>
    [JsonPropertyName("result")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ResultType? Result { get; init; }

    /// <summary>The challenge enforced for the action, when one was reported.</summary>
    [JsonPropertyName("challenge_type")]
    public ChallengeType? ChallengeType { get; init; }
}
