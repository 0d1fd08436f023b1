namespace RiskFunctions.Domain.Scoring;

/// <summary>
/// The likelihood ratio of one feature level, after Freeman et al. (NDSS 2016):
/// <c>p(x | tenant population) / p(x | user)</c>, conditioned on the level above
/// (<c>p(IP | ASN, u) · p(ASN | country, u) · p(country | u)</c>).
/// </summary>
/// <remarks>
/// <para>
/// The user's distribution is smoothed by interpolating it with the population's, with the Witten-Bell
/// weight <c>λ = c / (c + d)</c>, where <c>c</c> counts the user's actions in the parent context and
/// <c>d</c> the distinct values the user has shown there. <c>1 − λ</c> is thus the estimated probability
/// that this user shows a value never seen before, learnt from how often the user did so in the past:
/// </para>
/// <code>
///   p(x | P, u) = λ · c(x, u) / c(P, u) + (1 − λ) · p(x | P, population)
/// </code>
/// <para>
/// For a value the user never showed the ratio is therefore <c>1 / (1 − λ) = (c + d) / d</c>: large for a
/// user who always comes from one place, small for one who roams. For a value the user did show it is
/// below 1, and further below the rarer the value is in the population (a home IP address is stronger
/// evidence than a common country). A user without history in the parent context gives no evidence
/// (ratio 1), so a new country does not also count as a new ASN and a new IP.
/// </para>
/// <para>
/// Population probabilities use add-half smoothing, <c>(c(x) + ½) / (c(P) + 1)</c>, with counts floored by
/// the user's own (population counts are updated after the profile and may briefly lag it).
/// </para>
/// </remarks>
internal static class ProfileLikelihood
{
    /// <summary>The ratio of <paramref name="kind"/>'s level for the action's value.</summary>
    public static LevelRatio Level(UserProfile profile, PopulationCounts population, in ActionFeatures features, FeatureKind kind)
    {
        var key = features[kind];
        if (key is null)
        {
            return LevelRatio.NoEvidence;
        }

        long contextCount;
        int contextDistinct;
        long populationContext;
        if (kind.Parent() is { } parent)
        {
            var parentKey = features[parent];
            if (parentKey is null || !profile.TryGet(parent, parentKey, out var parentStats))
            {
                return LevelRatio.NoEvidence;
            }

            contextCount = parentStats.Count;
            contextDistinct = parentStats.Children;
            populationContext = population.Value(parent);
        }
        else
        {
            var totals = profile.Totals(kind);
            contextCount = totals.Total;
            contextDistinct = totals.Distinct;
            populationContext = population.Total(kind);
        }

        if (contextCount <= 0)
        {
            return LevelRatio.NoEvidence;
        }

        // A context with a count always has at least one child; guard against rows evicted or written late.
        double c = contextCount;
        double d = Math.Max(contextDistinct, 1);
        var lambda = c / (c + d);

        if (!profile.TryGet(kind, key, out var stats) || stats.Count <= 0)
        {
            return new LevelRatio(Math.Log((c + d) / d), HasEvidence: true, IsNew: true);
        }

        var userShare = Math.Min(1.0, stats.Count / c);
        var populationValue = Math.Max(population.Value(kind), stats.Count);
        var populationTotal = Math.Max(populationContext, contextCount);
        var populationShare = Math.Min(1.0, (populationValue + 0.5) / (populationTotal + 1.0));
        var userProbability = (lambda * userShare) + ((1 - lambda) * populationShare);
        return new LevelRatio(Math.Log(populationShare / userProbability), HasEvidence: true, IsNew: false);
    }
}

/// <summary>A level's log likelihood ratio, and whether the user had never shown the value.</summary>
internal readonly record struct LevelRatio(double LogRatio, bool HasEvidence, bool IsNew)
{
    public static LevelRatio NoEvidence => default;
}
