using RiskFunctions.Domain.Contract.Rules;
using RiskFunctions.Domain.Rules.Model;

namespace RiskFunctions.Domain.Rules.Wire;

/// <summary>A stored rule in the contract's response shapes.</summary>
public static class RuleWire
{
    /// <summary>The <c>data</c> of a get by id.</summary>
    public static Rule ToRule(RecommendationRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new Rule
        {
            Name = rule.Name,
            Priority = rule.Priority,
            Matcher = MatcherWire.ToWire(rule.Matcher),
            Recommendation = rule.Recommendation,
            Enabled = rule.Enabled,
            Mode = rule.Mode,
        };
    }

    /// <summary>An item of the list of all rules.</summary>
    public static RuleListItem ToListItem(RecommendationRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new RuleListItem
        {
            Id = rule.Id,
            Name = rule.Name,
            Priority = rule.Priority,
            Matcher = MatcherWire.ToWire(rule.Matcher),
            Recommendation = rule.Recommendation,
            Enabled = rule.Enabled,
            Mode = rule.Mode,
        };
    }
}
