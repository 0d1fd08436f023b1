namespace RiskFunctions.Domain.Scoring;

/// <summary>
/// Scores actions: the Freeman et al. likelihood-ratio model over the user's history, combined in
/// log-odds with velocity, network, device, behavior and reputation evidence, mapped to 0-100 by
/// <see cref="ScoreCalibration"/> and to a recommendation by the tenant's <see cref="ScoreBands"/>.
/// Pure and deterministic: the same input gives the same assessment; time comes only from
/// <see cref="ActionFacts.OccurredAt"/>. Thread-safe.
/// </summary>
public sealed class RiskScorer
{
    private readonly ScoringModelOptions _options;

    public RiskScorer(ScoringModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid scoring model options: " + string.Join(" ", errors), nameof(options));
        }

        _options = options;
    }

    public RiskAssessment Score(in ScoringInput input, ScoreBands bands)
    {
        ArgumentNullException.ThrowIfNull(input.Action);
        ArgumentNullException.ThrowIfNull(input.Population);
        ArgumentNullException.ThrowIfNull(input.Reputation);
        ArgumentNullException.ThrowIfNull(bands);

        var set = new ContributionSet(_options.ReasonThreshold);
        set.Add(ScoreFactor.Prior, _options.PriorLogOdds, 0);
        ProfileTerms.Add(ref set, _options, input);
        VelocityTerms.Add(ref set, _options, input.History);
        SignalTerms.Add(ref set, _options, input.Action);
        ReputationTerms.Add(ref set, _options, input);

        return Conclude(in set, _options, input, bands, RiskAssessment.HandTunedModel);
    }

    /// <summary>
    /// The assessment of a complete set of contributions, whichever model weighed them: score, trust, decision,
    /// reasons and threats follow from the contributions alone.
    /// </summary>
    internal static RiskAssessment Conclude(in ContributionSet set, ScoringModelOptions options, in ScoringInput input, ScoreBands bands, string model)
    {
        var score = ScoreCalibration.ToScore(set.Total);
        var trustEligible = TrustPolicy.IsEligible(options.Trust, input, set);
        var threats = ThreatClassifier.Classify(set, options, input);
        return new RiskAssessment(
            score,
            set.Total,
            bands.Decide(score, trustEligible),
            trustEligible,
            set.Reasons(),
            threats,
            set.ToArray(),
            model);
    }
}
