using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Rules;

/// <summary>One rule by its id (<c>get_rule_response</c>).</summary>
public sealed record GetRuleResponse
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("data")]
    public required Rule Data { get; init; }
}
