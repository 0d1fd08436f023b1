namespace RiskFunctions.Domain.Scoring;

/// <summary>
/// A tenant's mapping from <c>risk_score</c> to recommendation:
/// score ≥ <see cref="DenyMin"/> → DENY; ≥ <see cref="ChallengeMin"/> → CHALLENGE; otherwise TRUST when
/// the action is trust-eligible and the score ≤ <see cref="TrustMax"/>; otherwise ALLOW.
/// </summary>
public sealed record ScoreBands
{
    /// <summary>The defaults: TRUST ≤ 15, CHALLENGE from 50, DENY from 85.</summary>
    public static ScoreBands Default { get; } = new();

    /// <summary>Highest score a trust-eligible action may have to be trusted. Default 15.</summary>
    public double TrustMax { get; init; } = 15;

    /// <summary>Lowest score that is challenged. Default 50.</summary>
    public double ChallengeMin { get; init; } = 50;

    /// <summary>Lowest score that is denied. Default 85.</summary>
    public double DenyMin { get; init; } = 85;

    /// <summary>What is wrong with the bands (empty when valid): each within 0..100, TrustMax &lt; ChallengeMin ≤ DenyMin.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Check(errors, nameof(TrustMax), TrustMax);
        Check(errors, nameof(ChallengeMin), ChallengeMin);
        Check(errors, nameof(DenyMin), DenyMin);
        if (TrustMax >= ChallengeMin)
        {
            errors.Add($"{nameof(TrustMax)}: must be below {nameof(ChallengeMin)} ({ChallengeMin}).");
        }

        if (ChallengeMin > DenyMin)
        {
            errors.Add($"{nameof(ChallengeMin)}: must not exceed {nameof(DenyMin)} ({DenyMin}).");
        }

        return errors;
    }

    /// <summary>The recommendation for <paramref name="score"/>.</summary>
    public RiskDecision Decide(double score, bool trustEligible)
    {
        if (score >= DenyMin)
        {
            return RiskDecision.Deny;
        }

        if (score >= ChallengeMin)
        {
            return RiskDecision.Challenge;
        }

        return trustEligible && score <= TrustMax ? RiskDecision.Trust : RiskDecision.Allow;
    }

    private static void Check(List<string> errors, string name, double value)
    {
        if (double.IsNaN(value) || value < 0 || value > 100)
        {
            errors.Add(FormattableString.Invariant($"{name}: must be a number from 0 to 100 (was {value})."));
        }
    }
}
