using RiskFunctions.Domain.Scoring;
using RiskFunctions.Domain.Scoring.Learning;

namespace RiskFunctions.Learning.Tests;

public sealed class RiskModelTrainerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Start.AddDays(60);

    [Fact]
    public void Train_PurchasesSecondsAfterSignup_LearnsThePatternFromLabelsAlone()
    {
        var examples = Population(2000, seed: 1);
        var trainer = new RiskModelTrainer(new TrainingOptions());

        var model = trainer.Train("tenant-a", examples, Now);
        var metrics = model.Document.Metrics;

        Assert.True(metrics.ValidationRocAuc > 0.9, $"AUC {metrics.ValidationRocAuc}");
        Assert.Equal(400, metrics.ValidationActions);
        Assert.Equal(nameof(RiskFeature.AccountAge), metrics.FeatureImportances[0].Feature);
        Assert.InRange(metrics.Challenge!.Rate, 0.03, 0.15);
        // Ties at the top (actions on the same tree paths score the same) can take the deny band past 1 %.
        Assert.InRange(metrics.Deny!.Rate, 0.005, metrics.Challenge.Rate);
        Assert.True(metrics.Deny.Precision > 0.8, $"precision {metrics.Deny.Precision}");
        Assert.True(metrics.Challenge.Recall > 0.5, $"recall {metrics.Challenge.Recall}");
    }

    [Fact]
    public void Train_Always_ValidatesOnTheMostRecentLabels()
    {
        var examples = Population(1000, seed: 2);

        var model = new RiskModelTrainer(new TrainingOptions()).Train("tenant-a", examples, Now);

        var newestTraining = examples.OrderBy(e => e.OccurredAt).Take(800).Max(e => e.OccurredAt);
        Assert.True(model.Document.Metrics.ValidationFrom >= newestTraining);
        Assert.Equal(800, model.Document.Metrics.TrainingActions);
    }

    [Fact]
    public void Explain_TrainedModel_StartAndContributionsAddUpToTheCalibratedLogOdds()
    {
        var examples = Population(1000, seed: 3);
        var model = new RiskModelTrainer(new TrainingOptions()).Train("tenant-a", examples, Now);
        var document = model.Document;
        var contributions = new double[RiskFeatures.Count];

        foreach (var example in examples.Take(50))
        {
            var start = model.Explain(example.Features, contributions);
            var raw = document.Bias + document.Trees.Sum(tree => tree.Leaf[Leaf(tree, example.Features)]);
            Assert.Equal((document.CalibrationA * raw) + document.CalibrationB, start + contributions.Sum(), 6);
        }
    }

    [Fact]
    public void Load_StoredDocument_ExplainsExactlyAsTheTrainedModel()
    {
        var examples = Population(600, seed: 4);
        var model = new RiskModelTrainer(new TrainingOptions()).Train("tenant-a", examples, Now);

        var reloaded = TreeEnsembleModel.Load(RiskModelDocument.FromJson(model.Document.ToJson()));

        var before = new double[RiskFeatures.Count];
        var after = new double[RiskFeatures.Count];
        foreach (var example in examples.Take(20))
        {
            Assert.Equal(model.Explain(example.Features, before), reloaded.Explain(example.Features, after), 12);
            Assert.Equal(before, after);
        }

        Assert.Equal(model.Version, reloaded.Version);
        Assert.Equal(model.Bands, reloaded.Bands);
    }

    [Fact]
    public void Load_OtherFeatureSchema_IsRefused()
    {
        var model = new RiskModelTrainer(new TrainingOptions()).Train("tenant-a", Population(600, seed: 5), Now);
        var document = RiskModelDocument.FromJson(model.Document.ToJson());
        document.Features.RemoveAt(document.Features.Count - 1);

        Assert.Throws<InvalidDataException>(() => TreeEnsembleModel.Load(document));
    }

    [Fact]
    public void WhyNotTrainable_TooFewOrOneClass_SaysWhy()
    {
        var trainer = new RiskModelTrainer(new TrainingOptions { MinLabeledActions = 200 });
        var legitOnly = Population(400, seed: 6).Select(e => e with { IsFraud = false }).ToList();

        Assert.Contains("199 labeled actions", trainer.WhyNotTrainable(Population(199, seed: 6)), StringComparison.Ordinal);
        Assert.Contains("0 fraud", trainer.WhyNotTrainable(legitOnly), StringComparison.Ordinal);
        Assert.Null(trainer.WhyNotTrainable(Population(400, seed: 6)));
        Assert.Throws<InvalidOperationException>(() => trainer.Train("tenant-a", legitOnly, Now));
    }

    [Fact]
    public void Train_ModelBands_AreValidAndChallengeBelowDeny()
    {
        var model = new RiskModelTrainer(new TrainingOptions()).Train("tenant-a", Population(1500, seed: 7), Now);

        Assert.Empty(model.Bands.Validate());
        Assert.True(model.Bands.ChallengeMin <= model.Bands.DenyMin);
        Assert.NotEqual(ScoreBands.Default, model.Bands);
    }

    /// <summary>
    /// Labeled purchases: about 8 % fraud, placed seconds to minutes after signup from rarely seen addresses;
    /// legitimate ones hours to weeks after. Noise features carry nothing.
    /// </summary>
    private static List<LabeledExample> Population(int count, int seed)
    {
        var random = new Random(seed);
        var examples = new List<LabeledExample>(count);
        for (var i = 0; i < count; i++)
        {
            var fraud = random.NextDouble() < 0.08;
            var features = new float[RiskFeatures.Count];
            var ageSeconds = fraud ? random.Next(5, 900) : random.Next(3_600, 30 * 86_400);
            if (random.NextDouble() < 0.05)
            {
                ageSeconds = random.Next(5, 30 * 86_400);
            }

            features[(int)RiskFeature.AccountAge] = (float)Math.Log(1 + ageSeconds);
            features[(int)RiskFeature.TenantRarity] = fraud && random.NextDouble() < 0.6 ? 1.1f : (float)(random.NextDouble() - 0.5);
            features[(int)RiskFeature.ActionSensitive] = 1;
            features[(int)RiskFeature.ProfileActions] = (float)(random.NextDouble() * 3);
            examples.Add(new LabeledExample(features, fraud, Start.AddMinutes(i * 5)));
        }

        return examples;
    }

    private static int Leaf(TreeDocument tree, float[] features)
    {
        if (tree.Feature.Length == 0)
        {
            return 0;
        }

        var node = 0;
        while (true)
        {
            var next = features[tree.Feature[node]] <= tree.Threshold[node] ? tree.Lte[node] : tree.Gt[node];
            if (next < 0)
            {
                return ~next;
            }

            node = next;
        }
    }
}
