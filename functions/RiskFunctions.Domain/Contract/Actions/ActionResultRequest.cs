using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Recommendations;

namespace RiskFunctions.Domain.Contract.Actions;

/// <summary>Body of <c>POST /action/result</c>: the outcome of a reported action.</summary>
public sealed record ActionResultRequest
{
    /// <summary>Required. The token returned when the action was reported.</summary>
    [JsonPropertyName("action_token")]
    public string? ActionToken { get; init; }

    /// <summary>Required. The outcome of the action.</summary>
    [JsonPropertyName("result")]
    public ResultType? Result { get; init; }

    /// <summary>The user the action turned out to belong to (binds an anonymous action to a user).</summary>
    [JsonPropertyName("user_id")]
    public string? UserId { get; init; }

    /// <summary>The challenge enforced, if one was.</summary>
    [JsonPropertyName("challenge_type")]
    public ChallengeType? ChallengeType { get; init; }
}
