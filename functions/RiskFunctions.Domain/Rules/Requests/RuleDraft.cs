using RiskFunctions.Domain.Contract.Rules;
using RiskFunctions.Domain.Rules.Model;

namespace RiskFunctions.Domain.Rules.Requests;

/// <summary>A validated create or update request: a rule without its id (and maybe without a name).</summary>
public sealed record RuleDraft
{
    /// <summary>The trimmed name, or <see langword="null"/> when the client left it to be generated.</summary>
    public string? Name { get; init; }

    public required int Priority { get; init; }

    public required RuleMatcher Matcher { get; init; }

    public required RuleRecommendationType Recommendation { get; init; }

    public required bool Enabled { get; init; }

    public required RuleMode Mode { get; init; }
}
