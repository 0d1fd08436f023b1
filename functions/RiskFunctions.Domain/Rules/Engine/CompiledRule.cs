using RiskFunctions.Domain.Contract.Rules;
using RiskFunctions.Domain.Rules.Model;

namespace RiskFunctions.Domain.Rules.Engine;

/// <summary>What an evaluation reports about a rule that matched. Allocated once, at compile time.</summary>
public sealed class CompiledRule
{
    /// <summary>Prefix of the reason code added when a production rule decides the recommendation.</summary>
    public const string ReasonCodePrefix = "RULE_MATCH:";

    internal CompiledRule(RecommendationRule rule, int rank)
    {
        Id = rule.Id;
        Name = rule.Name;
        Priority = rule.Priority;
        Recommendation = rule.Recommendation;
        Mode = rule.Mode;
        Revision = rule.Revision;
        Rank = rank;
        ReasonCode = ReasonCodePrefix + rule.Name;
    }

    public string Id { get; }

    public string Name { get; }

    public int Priority { get; }

    public RuleRecommendationType Recommendation { get; }

    public RuleMode Mode { get; }

    public long Revision { get; }

    /// <summary>
    /// Position in evaluation order within its compiled set (0 is evaluated first); also the index of the
    /// rule in <see cref="CompiledRuleSet.Rules"/>, so callers can keep per-rule state in a plain array.
    /// </summary>
    public int Rank { get; }

    /// <summary>
    /// The reason code naming this rule (<c>RULE_MATCH:&lt;rule name&gt;</c>), precomputed so that reporting
    /// a match allocates nothing.
    /// </summary>
    public string ReasonCode { get; }
}
