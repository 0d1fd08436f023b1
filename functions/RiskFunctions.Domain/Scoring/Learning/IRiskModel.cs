namespace RiskFunctions.Domain.Scoring.Learning;

/// <summary>
/// A tenant's learned model as scoring sees it: additive per-feature contributions in log-odds (nats), so
/// that every point of a learned score is explained like a hand-tuned one. Implementations are immutable
/// and thread-safe; the training side lives outside the domain.
/// </summary>
public interface IRiskModel
{
    /// <summary>Identifies the model in assessments and in the model endpoint (for example <c>v20261206-0930</c>).</summary>
    string Version { get; }

    /// <summary>The bands chosen on the model's validation slice (about 5 % CHALLENGE or above, 1 % DENY).</summary>
    ScoreBands Bands { get; }

    /// <summary>
    /// Explains <paramref name="features"/> (indexed by <see cref="RiskFeature"/>): writes each feature's
    /// contribution in nats to <paramref name="contributions"/> and returns the starting log-odds; the two
    /// add up to the model's calibrated log-odds of fraud.
    /// </summary>
    double Explain(ReadOnlySpan<float> features, Span<double> contributions);
}
