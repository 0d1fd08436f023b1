namespace RiskFunctions.Functions.Features.Rules;

/// <summary>The rule routes.</summary>
public static class RuleRoutes
{
    public const string Rules = "risk/v1/recommendation/rules";
    public const string Rule = Rules + "/{ruleId}";
    public const string RuleHits = Rule + "/hits";
}
