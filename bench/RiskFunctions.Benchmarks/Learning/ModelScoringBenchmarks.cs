using BenchmarkDotNet.Attributes;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Learning;
using RiskFunctions.Domain.Scoring.Learning;

namespace RiskFunctions.Benchmarks.Learning;

/// <summary>
/// Scoring one action once storage has answered, with the tenant's learned model against the hand-tuned
/// model alone (what a tenant without a model gets), on the same input: a synthetic tenant's purchase,
/// the model trained on that tenant's labels (100 trees of 16 leaves, the defaults).
/// </summary>
[MemoryDiagnoser]
public class ModelScoringBenchmarks
{
    private TenantRiskScorer _scorer = null!;
    private TreeEnsembleModel _model = null!;
    private ScoringInput _purchase;

    [GlobalSetup]
    public void Setup()
    {
        var events = SyntheticPopulation.Generate(1500, seed: 3);
        var replayed = OfflineReplay.Run(events, _ => true);
        var examples = replayed.Where(r => r.Event.IsFraud is not null)
            .Select(r => new LabeledExample(r.Features, r.Event.IsFraud!.Value, r.Event.Facts.OccurredAt)).ToList();
        _model = new RiskModelTrainer(new TrainingOptions()).Train("bench", examples, examples[^1].OccurredAt);
        _scorer = new TenantRiskScorer(new ScoringModelOptions());

        // The state as it was when the last purchase of the data arrived.
        var engine = new InMemoryEngine();
        var last = events.Last(e => e.Facts.ActionType == "transaction");
        foreach (var e in events)
        {
            if (ReferenceEquals(e, last))
            {
                _purchase = engine.Read(e.Facts);
                break;
            }

            engine.Record(e.Facts);
        }
    }

    [Benchmark(Baseline = true)]
    public RiskAssessment HandTuned() => _scorer.Score(_purchase, ScoreBands.Default, model: null);

    /// <summary>What trigger-action does for a tenant without a model: the hand-tuned score, and the vector kept for training.</summary>
    [Benchmark]
    public RiskAssessment HandTunedKeepingVector() => _scorer.Score(_purchase, ScoreBands.Default, model: null, new float[RiskFeatures.Count]);

    [Benchmark]
    public RiskAssessment Learned() => _scorer.Score(_purchase, _model.Bands, _model);

    /// <summary>What trigger-action does for a tenant with a model: the learned score, and the vector kept for training.</summary>
    [Benchmark]
    public RiskAssessment LearnedKeepingVector() => _scorer.Score(_purchase, _model.Bands, _model, new float[RiskFeatures.Count]);
}
