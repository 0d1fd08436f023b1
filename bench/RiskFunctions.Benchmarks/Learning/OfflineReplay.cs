using RiskFunctions.Domain.Scoring;
using RiskFunctions.Domain.Scoring.Learning;

namespace RiskFunctions.Benchmarks.Learning;

/// <summary>
/// Replays events in time order through <see cref="InMemoryEngine"/>: each action is read and scored by
/// the hand-tuned model as it arrives, its feature vector kept, then recorded; labels of the users whose
/// labels are fed reach the engine when they become known.
/// </summary>
internal static class OfflineReplay
{
    public static List<ReplayedAction> Run(IReadOnlyList<EngineEvent> events, Func<EngineEvent, bool> labelFed)
    {
        var engine = new InMemoryEngine();
        var scorer = new RiskScorer(new ScoringModelOptions());
        var labels = new PriorityQueue<EngineEvent, DateTimeOffset>();
        var replayed = new List<ReplayedAction>(events.Count);
        foreach (var e in events)
        {
            while (labels.TryPeek(out var labeled, out var at) && at <= e.Facts.OccurredAt)
            {
                labels.Dequeue();
                engine.Label(labeled.Facts, labeled.IsFraud!.Value, at);
            }

            var input = engine.Read(e.Facts);
            var assessment = scorer.Score(input, ScoreBands.Default);
            var features = new float[RiskFeatures.Count];
            RiskFeatureExtractor.Extract(input, assessment.Contributions, features);
            var fed = e.IsFraud is not null && labelFed(e);
            replayed.Add(new ReplayedAction(e, features, assessment.RiskScore, fed));
            engine.Record(e.Facts);
            if (fed)
            {
                labels.Enqueue(e, e.LabeledAt);
            }
        }

        return replayed;
    }
}
