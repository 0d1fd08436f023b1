using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Rules;

/// <summary>All of the tenant's rules (<c>get_all_response</c>), ordered by priority.</summary>
public sealed record GetAllRulesResponse
{
    [JsonPropertyName("data")]
    public required IReadOnlyList<RuleListItem> Data { get; init; }
}
