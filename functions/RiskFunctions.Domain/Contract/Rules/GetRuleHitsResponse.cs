using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Rules;

/// <summary>A rule's hit counts by its id (<c>GET /recommendation/rules/{rule_id}/hits</c>).</summary>
public sealed record GetRuleHitsResponse
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("data")]
    public required RuleHits Data { get; init; }
}
