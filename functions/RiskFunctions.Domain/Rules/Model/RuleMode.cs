namespace RiskFunctions.Domain.Rules.Model;

/// <summary>Whether a rule decides recommendations or is only simulated beside them.</summary>
public enum RuleMode
{
    /// <summary>The first enabled production rule that matches sets the recommendation.</summary>
    Production,

    /// <summary>Reported as <c>preview_rule</c> when it would have won; changes nothing else.</summary>
    Preview,
}
