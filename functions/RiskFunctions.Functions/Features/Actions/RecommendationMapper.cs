using RiskFunctions.Domain.Contract.Recommendations;
using RiskFunctions.Domain.Contract.Rules;
using RiskFunctions.Domain.Scoring;

namespace RiskFunctions.Functions.Features.Actions;

/// <summary>Model and rule recommendation values to their wire enumeration.</summary>
internal static class RecommendationMapper
{
    public static RecommendationType ToWire(RiskDecision decision) => decision switch
    {
        RiskDecision.Allow => RecommendationType.Allow,
        RiskDecision.Challenge => RecommendationType.Challenge,
        RiskDecision.Deny => RecommendationType.Deny,
        RiskDecision.Trust => RecommendationType.Trust,
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
    };

    public static RecommendationType ToWire(RuleRecommendationType recommendation) => recommendation switch
    {
        RuleRecommendationType.Challenge => RecommendationType.Challenge,
        RuleRecommendationType.Deny => RecommendationType.Deny,
        RuleRecommendationType.Trust => RecommendationType.Trust,
        _ => throw new ArgumentOutOfRangeException(nameof(recommendation), recommendation, null),
    };
}
