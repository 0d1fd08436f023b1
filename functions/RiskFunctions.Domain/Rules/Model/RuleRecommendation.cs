namespace RiskFunctions.Domain.Rules.Model;

/// <summary>What a matching rule recommends. A rule never recommends ALLOW: no rule is needed for that.</summary>
public enum RuleRecommendation
{
    Challenge,
    Deny,
    Trust,
}
