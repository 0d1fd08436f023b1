using RiskFunctions.Domain.Contract.Rules;

namespace RiskFunctions.Domain.Rules.Model;

/// <summary>A tenant's recommendation rule as stored and compiled.</summary>
public sealed record RecommendationRule
{
    public required string Id { get; init; }

    /// <summary>Unique per tenant (case-insensitively).</summary>
    public required string Name { get; init; }

    /// <summary>1..1000, unique per tenant; smaller values are evaluated first.</summary>
    public required int Priority { get; init; }

    public required RuleMatcher Matcher { get; init; }

    public required RuleRecommendationType Recommendation { get; init; }

    /// <summary>Disabled rules never match, in either mode.</summary>
    public required bool Enabled { get; init; }

    public required RuleMode Mode { get; init; }

    /// <summary>
    /// Increases with every change of the rule, so that hit counts can be attributed to the definition that
    /// produced them.
    /// </summary>
    public long Revision { get; init; }
}
