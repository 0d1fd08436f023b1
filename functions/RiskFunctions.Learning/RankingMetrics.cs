namespace RiskFunctions.Learning;

/// <summary>Ranking measures of scores against labels.</summary>
public static class RankingMetrics
{
    /// <summary>ROC AUC: the probability that a fraud scores above a legitimate action (ties count half).</summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> isFraud)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(isFraud);
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double rankSum = 0;
        long positives = 0;
        var position = 0;
        while (position < order.Length)
        {
            var end = position;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[position]])
            {
                end++;
            }

            var averageRank = ((position + end) / 2.0) + 1;
            for (var k = position; k <= end; k++)
            {
                if (isFraud[order[k]])
                {
                    rankSum += averageRank;
                    positives++;
                }
            }

            position = end + 1;
        }

        var negatives = order.Length - positives;
        return positives == 0 || negatives == 0 ? double.NaN : (rankSum - (positives * (positives + 1) / 2.0)) / (positives * (double)negatives);
    }

    /// <summary>The lowest score among the top <paramref name="rate"/> share of <paramref name="scores"/>.</summary>
    public static double ThresholdAtRate(IReadOnlyList<double> scores, double rate)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var sorted = scores.OrderByDescending(s => s).ToArray();
        var index = Math.Clamp((int)Math.Ceiling(rate * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index];
    }

    /// <summary>Share flagged, precision and recall when every score at or above <paramref name="threshold"/> is flagged.</summary>
    public static BandMetrics AtThreshold(IReadOnlyList<double> scores, IReadOnlyList<bool> isFraud, double threshold)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(isFraud);
        int flagged = 0, caught = 0, fraud = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var hit = scores[i] >= threshold;
            flagged += hit ? 1 : 0;
            fraud += isFraud[i] ? 1 : 0;
            caught += hit && isFraud[i] ? 1 : 0;
        }

        return new BandMetrics(
            threshold,
            scores.Count == 0 ? 0 : flagged / (double)scores.Count,
            flagged == 0 ? 0 : caught / (double)flagged,
            fraud == 0 ? 0 : caught / (double)fraud);
    }
}

/// <summary>What a band takes on a labeled slice.</summary>
/// <param name="Threshold">The lowest score in the band.</param>
/// <param name="Rate">Share of actions at or above the threshold.</param>
/// <param name="Precision">Share of those that are fraud.</param>
/// <param name="Recall">Share of the fraud that is at or above the threshold.</param>
public sealed record BandMetrics(double Threshold, double Rate, double Precision, double Recall);
