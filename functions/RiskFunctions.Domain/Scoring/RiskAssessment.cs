namespace RiskFunctions.Domain.Scoring;

/// <summary>The model's verdict on one action, with every term that produced it.</summary>
public sealed class RiskAssessment
{
    internal RiskAssessment(
        double riskScore,
        double logOdds,
        RiskDecision recommendation,
        bool trustEligible,
        IReadOnlyList<ReasonCode> reasons,
        IReadOnlyList<ThreatCode> threats,
        IReadOnlyList<ScoreContribution> contributions,
        string model = HandTunedModel)
    {
        RiskScore = riskScore;
        LogOdds = logOdds;
        Recommendation = recommendation;
        TrustEligible = trustEligible;
        Reasons = reasons;
        Threats = threats;
        Contributions = contributions;
        Model = model;
    }

    /// <summary>What <see cref="Model"/> says when the hand-tuned model scored the action.</summary>
    public const string HandTunedModel = "hand-tuned";

    /// <summary>0-100, one decimal: <c>100 · σ(LogOdds)</c>.</summary>
    public double RiskScore { get; }

    /// <summary>The total evidence: the sum of <see cref="Contributions"/>, prior included.</summary>
    public double LogOdds { get; }

    /// <summary>The tenant's band for <see cref="RiskScore"/> (before any rule).</summary>
    public RiskDecision Recommendation { get; }

    /// <summary>Whether a known user on a known, trusted device with clean reputation acted, with no risk reason.</summary>
    public bool TrustEligible { get; }

    /// <summary>Reason codes, strongest first, each once.</summary>
    public IReadOnlyList<ReasonCode> Reasons { get; }

    public IReadOnlyList<ThreatCode> Threats { get; }

    /// <summary>Every non-zero term, the prior first; they sum to <see cref="LogOdds"/>.</summary>
    public IReadOnlyList<ScoreContribution> Contributions { get; }

    /// <summary>Which model scored the action: <see cref="HandTunedModel"/> or the tenant's learned model version.</summary>
    public string Model { get; }
}
