namespace RiskFunctions.Domain.Scoring.Learning;

/// <summary>
/// Scores with a tenant's learned model when it has one, and with the hand-tuned model until then. The
/// learned score keeps the hand-tuned explanation shape: the model's per-feature contributions are summed
/// per <see cref="ScoreFactor"/>, the terms still add up exactly to the evidence, and a term that adds at
/// least the reason threshold names the reason the hand-tuned term gave for this action, or the factor's
/// own (<see cref="RiskFeatures.DefaultReason"/>). Pure, deterministic and thread-safe.
/// </summary>
public sealed class TenantRiskScorer
{
    private const int FactorCount = (int)ScoreFactor.TenantRarity + 1;

    private readonly ScoringModelOptions _options;
    private readonly RiskScorer _handTuned;

    public TenantRiskScorer(ScoringModelOptions options)
    {
        _handTuned = new RiskScorer(options);
        _options = options;
    }

    /// <summary>The assessment of <paramref name="input"/>.</summary>
    /// <param name="input">What the engine read for the action.</param>
    /// <param name="bands">The bands to decide with: the tenant's configured ones, else the model's.</param>
    /// <param name="model">The tenant's learned model; <c>null</c> while it has none (cold start).</param>
    public RiskAssessment Score(in ScoringInput input, ScoreBands bands, IRiskModel? model)
    {
        var handTuned = _handTuned.Score(input, bands);
        if (model is null)
        {
            return handTuned;
        }

        Span<float> features = stackalloc float[RiskFeatures.Count];
        RiskFeatureExtractor.Extract(input, handTuned.Contributions, features);
        return Learned(input, bands, model, handTuned, features);
    }

    /// <summary>
    /// The assessment of <paramref name="input"/>, and its feature vector in <paramref name="features"/> whichever
    /// model scored (what a labeled action trains the tenant's next model with).
    /// </summary>
    /// <param name="input">What the engine read for the action.</param>
    /// <param name="bands">The bands to decide with.</param>
    /// <param name="model">The tenant's learned model; <c>null</c> while it has none (cold start).</param>
    /// <param name="features">Receives the vector; at least <see cref="RiskFeatures.Count"/> long.</param>
    public RiskAssessment Score(in ScoringInput input, ScoreBands bands, IRiskModel? model, Span<float> features)
    {
        var handTuned = _handTuned.Score(input, bands);
        RiskFeatureExtractor.Extract(input, handTuned.Contributions, features);
        return model is null ? handTuned : Learned(input, bands, model, handTuned, features);
    }

    private RiskAssessment Learned(in ScoringInput input, ScoreBands bands, IRiskModel model, RiskAssessment handTuned, ReadOnlySpan<float> features)
    {
        Span<double> contributions = stackalloc double[RiskFeatures.Count];
        var start = model.Explain(features, contributions);

        Span<double> byFactor = stackalloc double[FactorCount];
        byFactor[(int)ScoreFactor.Prior] = start;
        for (var i = 0; i < RiskFeatures.Count; i++)
        {
            byFactor[(int)RiskFeatures.Factor((RiskFeature)i)] += contributions[i];
        }

        // Where each factor's hand-tuned term is, if it fired: one pass instead of a search per factor.
        Span<int> handTunedTerm = stackalloc int[FactorCount];
        handTunedTerm.Fill(-1);
        var terms = handTuned.Contributions;
        for (var i = 0; i < terms.Count; i++)
        {
            handTunedTerm[(int)terms[i].Factor] = i;
        }

        var set = new ContributionSet(_options.ReasonThreshold);
        set.Add(ScoreFactor.Prior, byFactor[(int)ScoreFactor.Prior], 0);
        for (var f = 1; f < FactorCount; f++)
        {
            var factor = (ScoreFactor)f;
            var term = handTunedTerm[f];
            var observed = term < 0 ? 0 : terms[term].Observed;
            var reason = term < 0 || terms[term].Reason.IsNone ? RiskFeatures.DefaultReason(factor) : terms[term].Reason;
            set.Add(factor, byFactor[f], observed, reason);
        }

        return RiskScorer.Conclude(in set, _options, input, bands, model.Version);
    }
}
