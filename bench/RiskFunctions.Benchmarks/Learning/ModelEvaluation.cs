using System.Globalization;
using System.Text;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Domain.Scoring.Learning;
using RiskFunctions.Learning;

namespace RiskFunctions.Benchmarks.Learning;

/// <summary>
/// The time-ordered comparison: the model is trained on the labels fed before the cut (its own validation
/// is the most recent slice of those), then both models score the actions after the cut whose labels
/// were never fed, and are measured the same way.
/// </summary>
internal static class ModelEvaluation
{
    public static string Report(string title, IReadOnlyList<ReplayedAction> replayed, double cutQuantile, TrainingOptions options)
    {
        var times = replayed.Select(r => r.Event.Facts.OccurredAt).OrderBy(t => t).ToArray();
        var cut = times[(int)(times.Length * cutQuantile)];
        var training = replayed
            .Where(r => r.LabelFed && r.Event.LabeledAt <= cut)
            .Select(r => new LabeledExample(r.Features, r.Event.IsFraud!.Value, r.Event.Facts.OccurredAt))
            .ToList();
        var test = replayed.Where(r => r.Event.Facts.OccurredAt >= cut && r.Event.IsFraud is not null && !r.LabelFed).ToList();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var model = new RiskModelTrainer(options).Train("replay", training, cut);
        var trainingSeconds = clock.Elapsed.TotalSeconds;
        var contributions = new double[RiskFeatures.Count];
        var learned = test.Select(r => ScoreCalibration.ToScore(model.Explain(r.Features, contributions) + contributions.Sum())).ToArray();
        var handTuned = test.Select(r => r.HandTunedScore).ToArray();
        var labels = test.Select(r => r.Event.IsFraud!.Value).ToArray();

        var text = new StringBuilder();
        var metrics = model.Document.Metrics;
        text.AppendLine(Invariant($"### {title}"));
        text.AppendLine();
        text.AppendLine(Invariant($"Cut at {cut:yyyy-MM-dd HH:mm} UTC: trained on {training.Count} labeled actions fed before it ({training.Count(e => e.IsFraud)} fraud; the model's own validation slice: the newest {metrics.ValidationActions}, from {metrics.ValidationFrom:yyyy-MM-dd HH:mm}, ROC AUC {metrics.ValidationRocAuc:0.000}); tested on the {test.Count} actions after the cut whose labels were never fed ({labels.Count(l => l)} fraud). Training took {trainingSeconds:0.0} s; {model.Document.Trees.Count} trees; model document {model.Document.ToJson().Length / 1024.0:0} KB."));
        text.AppendLine();
        text.AppendLine("| model | ROC AUC | recall @ 1 % | precision @ 1 % | recall @ 5 % | precision @ 5 % | CHALLENGE or above at its default bands | recall there | top 1 % at CHALLENGE or DENY |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        Row(text, "hand-tuned", handTuned, labels, ScoreBands.Default);
        Row(text, "learned (" + model.Version + ")", learned, labels, model.Bands);
        text.AppendLine();
        text.AppendLine(Invariant($"Learned bands (from the validation slice): TRUST ≤ {model.Bands.TrustMax}, CHALLENGE ≥ {model.Bands.ChallengeMin}, DENY ≥ {model.Bands.DenyMin}; on that slice CHALLENGE or above took {metrics.Challenge!.Rate:P1} (precision {metrics.Challenge.Precision:0.00}, recall {metrics.Challenge.Recall:0.00}), DENY {metrics.Deny!.Rate:P1} (precision {metrics.Deny.Precision:0.00}, recall {metrics.Deny.Recall:0.00})."));
        text.AppendLine();
        text.AppendLine("Recall per group at each model's own 5 % threshold on the test actions:");
        text.AppendLine();
        text.AppendLine("| group | test actions | fraud | hand-tuned | learned |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        var handCut = RankingMetrics.ThresholdAtRate(handTuned, 0.05);
        var learnedCut = RankingMetrics.ThresholdAtRate(learned, 0.05);
        foreach (var group in test.Select((r, i) => (r.Event.Group, i)).GroupBy(x => x.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var indexes = group.Select(x => x.i).ToArray();
            var fraud = indexes.Count(i => labels[i]);
            string Recall(double[] scores, double threshold) =>
                fraud == 0 ? "–" : Invariant($"{indexes.Count(i => labels[i] && scores[i] >= threshold) / (double)fraud:0.00}");
            text.AppendLine(Invariant($"| {group.Key} | {indexes.Length} | {fraud} | {Recall(handTuned, handCut)} | {Recall(learned, learnedCut)} |"));
        }

        text.AppendLine();
        text.AppendLine("Feature importances (mean |contribution| in nats on the validation slice), top 10: " +
            string.Join(", ", metrics.FeatureImportances.Take(10).Select(f => Invariant($"`{f.Feature}` {f.MeanAbsoluteLogOdds:0.00}"))) + ".");
        text.AppendLine();
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, double[] scores, bool[] labels, ScoreBands bands)
    {
        var at1 = RankingMetrics.AtThreshold(scores, labels, RankingMetrics.ThresholdAtRate(scores, 0.01));
        var at5 = RankingMetrics.AtThreshold(scores, labels, RankingMetrics.ThresholdAtRate(scores, 0.05));
        var band = RankingMetrics.AtThreshold(scores, labels, bands.ChallengeMin);
        var top = scores.OrderByDescending(s => s).Take(Math.Max(1, scores.Length / 100)).ToArray();
        var topFlagged = top.Count(s => s >= bands.ChallengeMin) / (double)top.Length;
        text.AppendLine(Invariant(
            $"| {name} | {RankingMetrics.RocAuc(scores, labels):0.000} | {at1.Recall:0.000} | {at1.Precision:0.000} | {at5.Recall:0.000} | {at5.Precision:0.000} | {band.Rate:P1} | {band.Recall:0.000} | {topFlagged:P0} |"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
