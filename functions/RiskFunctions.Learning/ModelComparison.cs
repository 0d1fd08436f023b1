using RiskFunctions.Domain.Scoring.Learning;

namespace RiskFunctions.Learning;

/// <summary>How well a model ranks a slice of labeled actions: what decides whether a newly trained model replaces the current one.</summary>
public static class ModelComparison
{
    /// <summary>ROC AUC of <paramref name="model"/>'s log-odds over <paramref name="slice"/> (0.5 when the slice has one class).</summary>
    public static double RocAuc(IRiskModel model, IReadOnlyList<LabeledExample> slice)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(slice);
        var contributions = new double[RiskFeatures.Count];
        var scores = new double[slice.Count];
        for (var i = 0; i < slice.Count; i++)
        {
            var logOdds = model.Explain(slice[i].Features, contributions);
            foreach (var contribution in contributions)
            {
                logOdds += contribution;
            }

            scores[i] = logOdds;
        }

        return RankingMetrics.RocAuc(scores, [.. slice.Select(e => e.IsFraud)]);
    }
}
