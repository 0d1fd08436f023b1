using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Rules;

/// <summary>Answer to a rule update or deletion (<c>update_delete_rule_response</c>).</summary>
public sealed record UpdateDeleteRuleResponse
{
    [JsonPropertyName("message")]
    public required string Message { get; init; }
}
