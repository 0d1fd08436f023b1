using RiskFunctions.Domain.Contract.Rules;
using RiskFunctions.Domain.Rules.Model;
using RiskFunctions.Domain.Rules.Requests;
using RiskFunctions.Domain.Rules.Values;

namespace RiskFunctions.Testing.Rules;

/// <summary>Valid rule drafts in one line, for tests that need rules to store or evaluate.</summary>
public static class RuleDrafts
{
    public static RuleDraft Draft(
        int priority,
        string? name = null,
        MatcherKind kind = MatcherKind.UserIds,
        string[]? values = null,
        RuleMode mode = RuleMode.Production,
        bool enabled = true,
        RuleRecommendationType recommendation = RuleRecommendationType.Deny)
    {
        if (!MatcherValues.TryCreateMatcher(kind, values ?? ["user-" + priority], out var matcher, out var errors))
        {
            throw new ArgumentException(errors[0].Message, nameof(values));
        }

        return new RuleDraft
        {
            Name = name,
            Priority = priority,
            Matcher = matcher!,
            Recommendation = recommendation,
            Enabled = enabled,
            Mode = mode,
        };
    }
}
