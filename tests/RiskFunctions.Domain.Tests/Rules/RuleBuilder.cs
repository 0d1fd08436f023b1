using RiskFunctions.Domain.Contract.Rules;
using RiskFunctions.Domain.Enrichment.IpIntelligence;
using RiskFunctions.Domain.Rules.Model;
using RiskFunctions.Domain.Rules.Values;

namespace RiskFunctions.Domain.Tests.Rules;

/// <summary>Short-hand for valid rules in tests.</summary>
internal static class RuleBuilder
{
    public static IpAddressValue Ip(string text) =>
        IpAddressValue.TryParse(text, out var value) ? value : throw new ArgumentException("not an address", nameof(text));

    public static RecommendationRule Rule(
        int priority,
        MatcherKind kind,
        string[] values,
        RuleMode mode = RuleMode.Production,
        bool enabled = true,
        RuleRecommendationType recommendation = RuleRecommendationType.Deny,
        string? id = null)
    {
        if (!MatcherValues.TryCreateMatcher(kind, values, out var matcher, out var errors))
        {
            throw new ArgumentException(errors[0].Message, nameof(values));
        }

        return new RecommendationRule
        {
            Id = id ?? "rule-" + priority,
            Name = "Rule " + priority,
            Priority = priority,
            Matcher = matcher!,
            Recommendation = recommendation,
            Enabled = enabled,
            Mode = mode,
        };
    }
}
