using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Rules;

/// <summary>One rule in the list of all rules: the rule's fields plus its id.</summary>
public sealed record RuleListItem : RuleDefinition
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }
}
