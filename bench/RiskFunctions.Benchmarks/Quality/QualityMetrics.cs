namespace RiskFunctions.Benchmarks.Quality;

/// <summary>Detection quality of a score against labels.</summary>
internal static class QualityMetrics
{
    /// <summary>
    /// ROC AUC: the probability that a random fraud event scores above a random legitimate one, ties counting
    /// half (Mann-Whitney U with average ranks). NaN when either class is empty.
    /// </summary>
    public static double RocAuc(IReadOnlyList<(double Score, bool IsFraud)> scored)
    {
        var positives = scored.Count(s => s.IsFraud);
        var negatives = scored.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        var ordered = scored.OrderBy(s => s.Score).ToArray();
        double rankSum = 0;
        for (var i = 0; i < ordered.Length;)
        {
            var j = i;
            while (j < ordered.Length && ordered[j].Score == ordered[i].Score)
            {
                j++;
            }

            // Ranks i+1 .. j share their average.
            var averageRank = (i + 1 + j) / 2.0;
            rankSum += averageRank * ordered[i..j].Count(s => s.IsFraud);
            i = j;
        }

        return (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>
    /// Share of fraud events among the <paramref name="challengeRate"/> highest-scored events (the events a
    /// tenant would challenge at that rate). Events tied at the cut-off are taken in proportion, which is the
    /// expected recall when ties are broken at random.
    /// </summary>
    public static double RecallAt(IReadOnlyList<(double Score, bool IsFraud)> scored, double challengeRate)
    {
        var positives = scored.Count(s => s.IsFraud);
        if (positives == 0)
        {
            return double.NaN;
        }

        var budget = challengeRate * scored.Count;
        var ordered = scored.OrderByDescending(s => s.Score).ToArray();
        double caught = 0;
        double taken = 0;
        for (var i = 0; i < ordered.Length && taken < budget;)
        {
            var j = i;
            while (j < ordered.Length && ordered[j].Score == ordered[i].Score)
            {
                j++;
            }

            var group = j - i;
            var share = Math.Min(1.0, (budget - taken) / group);
            caught += share * ordered[i..j].Count(s => s.IsFraud);
            taken += share * group;
            i = j;
        }

        return caught / positives;
    }
}
