namespace RiskFunctions.Domain.Scoring;

/// <summary>
/// Maps evidence to <c>risk_score</c>: <c>score = 100 · σ(logOdds) = 100 / (1 + e^−logOdds)</c>, rounded
/// to one decimal. The score is the model's probability, in percent, that the action is not legitimate,
/// given a prior of <see cref="ScoringModelOptions.PriorLogOdds"/>: 0 nats ↔ 50, ±1 nat ≈ ±23 around 50,
/// −2 nats (the prior alone) ↔ 11.9, +2 nats ↔ 88.1.
/// </summary>
public static class ScoreCalibration
{
    public static double ToScore(double logOdds)
    {
        if (double.IsNaN(logOdds))
        {
            throw new ArgumentOutOfRangeException(nameof(logOdds), "Evidence must be a number.");
        }

        var probability = 1.0 / (1.0 + Math.Exp(-logOdds));
        return Math.Round(100.0 * probability, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>The evidence that maps to <paramref name="score"/> (inverse of <see cref="ToScore"/> before rounding).</summary>
    public static double ToLogOdds(double score)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(score, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(score, 100);
        var probability = score / 100.0;
        return Math.Log(probability / (1 - probability));
    }
}
