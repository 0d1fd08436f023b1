using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Rules;

/// <summary>
/// The fields of a recommendation rule (<c>rule</c>). Every field is nullable so that a request missing one
/// can be answered with a message naming it; responses always carry <c>priority</c>, <c>matcher</c>,
/// <c>recommendation</c>, <c>enabled</c> and <c>mode</c>.
/// </summary>
public abstract record RuleDefinition
{
    /// <summary>Unique within the tenant; generated when absent.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>1 to 1000, unique within the tenant; rules are evaluated from the smallest value up.</summary>
    [JsonPropertyName("priority")]
    public int? Priority { get; init; }

    [JsonPropertyName("matcher")]
    public Matcher? Matcher { get; init; }

    [JsonPropertyName("recommendation")]
    public RuleRecommendationType? Recommendation { get; init; }

    /// <summary>Whether the rule is evaluated at all.</summary>
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; init; }

    [JsonPropertyName("mode")]
    public RuleMode? Mode { get; init; }
}
