using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Rules;

/// <summary>
/// How often a rule matched since it was last changed: the actions whose recommendation it decided (production
/// mode) and those for which it was reported as <c>preview_rule</c> (preview mode). Not part of the seed contract;
/// this is what teams running shadow rules look at before switching a rule to production.
/// </summary>
public sealed record RuleHits
{
    [JsonPropertyName("rule_name")]
    public required string RuleName { get; init; }

    [JsonPropertyName("mode")]
    public required RuleMode Mode { get; init; }

    [JsonPropertyName("enabled")]
    public required bool Enabled { get; init; }

    /// <summary>Actions whose recommendation the rule decided while in production mode.</summary>
    [JsonPropertyName("production_hits")]
    public required long ProductionHits { get; init; }

    /// <summary>Actions for which the rule, in preview mode, would have decided the recommendation.</summary>
    [JsonPropertyName("preview_hits")]
    public required long PreviewHits { get; init; }

    /// <summary>Unix epoch milliseconds of the rule's last change; counting starts again with every change.</summary>
    [JsonPropertyName("counted_since")]
    public required long CountedSince { get; init; }

    /// <summary>Unix epoch milliseconds of the last counted hit; absent when there was none.</summary>
    [JsonPropertyName("last_hit_at")]
    public long? LastHitAt { get; init; }
}
