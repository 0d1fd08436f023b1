using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Rules;

/// <summary>Answer to a rule creation (201).</summary>
public sealed record CreateRuleResponse
{
    [JsonPropertyName("message")]
    public required string Message { get; init; }

    /// <summary>ID used to reference the rule in later requests.</summary>
    [JsonPropertyName("rule_id")]
    public required string RuleId { get; init; }
}
