namespace RiskFunctions.Domain.Scoring;

/// <summary>The model's recommendation before rules (<c>recommendation.type</c> on the wire).</summary>
public enum RiskDecision
{
    Allow = 0,
    Challenge = 1,
    Deny = 2,
    Trust = 3,
}
