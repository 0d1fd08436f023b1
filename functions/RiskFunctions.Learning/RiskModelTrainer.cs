using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Domain.Scoring.Learning;

namespace RiskFunctions.Learning;

/// <summary>
/// Trains a tenant's model on its labeled actions: gradient-boosted trees (ML.NET FastTree) on the older
/// labels, and on the most recent slice (never a random split across time) Platt calibration, the default
/// bands (about <see cref="TrainingOptions.ChallengeRate"/> CHALLENGE or above, <see cref="TrainingOptions.DenyRate"/>
/// DENY), ROC AUC, precision and recall at the bands, and feature importances.
/// </summary>
public sealed class RiskModelTrainer
{
    private readonly TrainingOptions _options;

    public RiskModelTrainer(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException("Invalid training options: " + string.Join(" ", errors), nameof(options));
        }

        _options = options;
    }

    /// <summary>Why <paramref name="examples"/> cannot train a model yet, or <c>null</c> when they can.</summary>
    public string? WhyNotTrainable(IReadOnlyList<LabeledExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count < _options.MinLabeledActions)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{examples.Count} labeled actions, {_options.MinLabeledActions} needed.");
        }

        var (training, validation) = Split(examples);
        return Short(training, "training") ?? Short(validation, "validation");

        string? Short(IReadOnlyList<LabeledExample> slice, string name)
        {
            var fraud = slice.Count(e => e.IsFraud);
            return fraud < _options.MinPerClass || slice.Count - fraud < _options.MinPerClass
                ? string.Create(CultureInfo.InvariantCulture, $"The {name} slice has {fraud} fraud and {slice.Count - fraud} legitimate actions; {_options.MinPerClass} of each needed.")
                : null;
        }
    }

    /// <summary>The model for <paramref name="tenantId"/>, trained at <paramref name="now"/> on <paramref name="examples"/>.</summary>
    /// <exception cref="InvalidOperationException">The examples are not enough (<see cref="WhyNotTrainable"/>).</exception>
    public TreeEnsembleModel Train(string tenantId, IReadOnlyList<LabeledExample> examples, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        if (WhyNotTrainable(examples) is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var clock = Stopwatch.StartNew();
        var (training, validation) = Split(examples);
        var ensemble = Fit(training);
        var trees = ensemble.Trees.Select((tree, t) => Export(tree, ensemble.TreeWeights[t])).ToList();
        FillMeans(trees, training);

        var raw = validation.Select(e => Raw(trees, ensemble.Bias, e.Features)).ToArray();
        var labels = validation.Select(e => e.IsFraud).ToArray();
        var (a, b) = PlattCalibration.Fit(raw, labels);

        var document = new RiskModelDocument
        {
            TenantId = tenantId,
            Version = "v" + now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture),
            TrainedAt = now,
            Features = [.. RiskFeatures.Names],
            Bias = ensemble.Bias,
            CalibrationA = a,
            CalibrationB = b,
            Trees = trees,
        };

        var scores = raw.Select(r => ScoreCalibration.ToScore((a * r) + b)).ToArray();
        document.Bands = ChooseBands(scores);
        document.Metrics = Measure(document, training, validation, scores, labels);
        var model = TreeEnsembleModel.Load(document);
        document.Metrics.FeatureImportances = Importances(model, validation);
        document.Metrics.TrainingSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3);
        return model;
    }

    /// <summary>The most recent slice of <paramref name="examples"/> that <see cref="Train"/> validates on.</summary>
    public IReadOnlyList<LabeledExample> ValidationSlice(IReadOnlyList<LabeledExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        return Split(examples).Validation;
    }

    private (IReadOnlyList<LabeledExample> Training, IReadOnlyList<LabeledExample> Validation) Split(IReadOnlyList<LabeledExample> examples)
    {
        var ordered = examples.OrderBy(e => e.OccurredAt).ToArray();
        var validationCount = Math.Max(1, (int)Math.Round(ordered.Length * _options.ValidationFraction));
        var cut = ordered.Length - validationCount;
        return (ordered[..cut], ordered[cut..]);
    }

    private RegressionTreeEnsemble Fit(IReadOnlyList<LabeledExample> training)
    {
        var ml = new MLContext(_options.Seed);
        var schema = SchemaDefinition.Create(typeof(TrainingRow));
        schema[nameof(TrainingRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, RiskFeatures.Count);
        var data = ml.Data.LoadFromEnumerable(training.Select(e => new TrainingRow { Features = e.Features, Label = e.IsFraud }), schema);
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = _options.NumberOfTrees,
            NumberOfLeaves = _options.NumberOfLeaves,
            MinimumExampleCountPerLeaf = _options.MinimumExampleCountPerLeaf,
            LearningRate = _options.LearningRate,
            FeatureColumnName = nameof(TrainingRow.Features),
            LabelColumnName = nameof(TrainingRow.Label),
        });
        var transformer = trainer.Fit(data);
        return transformer.Model.SubModel.TrainedTreeEnsemble;
    }

    private static TreeDocument Export(RegressionTree tree, double weight)
    {
        var nodes = tree.NumberOfNodes;
        return new TreeDocument
        {
            Feature = [.. tree.NumericalSplitFeatureIndexes.Take(nodes)],
            Threshold = [.. tree.NumericalSplitThresholds.Take(nodes)],
            Lte = [.. tree.LeftChild.Take(nodes)],
            Gt = [.. tree.RightChild.Take(nodes)],
            Mean = new double[nodes],
            Leaf = [.. tree.LeafValues.Select(v => v * weight)],
        };
    }

    /// <summary>Each node's mean output over the training actions that reach it: the baseline its split is explained against.</summary>
    private static void FillMeans(List<TreeDocument> trees, IReadOnlyList<LabeledExample> training)
    {
        foreach (var tree in trees)
        {
            var nodes = tree.Feature.Length;
            var sums = new double[nodes];
            var counts = new long[nodes];
            foreach (var example in training)
            {
                var leaf = Walk(tree, example.Features, (node, _) => counts[node]++);
                var value = tree.Leaf[leaf];
                Walk(tree, example.Features, (node, _) => sums[node] += value);
            }

            for (var n = 0; n < nodes; n++)
            {
                tree.Mean[n] = counts[n] == 0 ? 0 : sums[n] / counts[n];
            }

            // A node no training action reached takes its children's average, so explanations stay finite.
            for (var n = nodes - 1; n >= 0; n--)
            {
                if (counts[n] == 0)
                {
                    tree.Mean[n] = (Value(tree, tree.Lte[n]) + Value(tree, tree.Gt[n])) / 2;
                }
            }
        }
    }

    private static double Value(TreeDocument tree, int child) => child >= 0 ? tree.Mean[child] : tree.Leaf[~child];

    private static int Walk(TreeDocument tree, float[] features, Action<int, int> visit)
    {
        if (tree.Feature.Length == 0)
        {
            return 0;
        }

        var node = 0;
        while (true)
        {
            var next = features[tree.Feature[node]] <= tree.Threshold[node] ? tree.Lte[node] : tree.Gt[node];
            visit(node, next);
            if (next < 0)
            {
                return ~next;
            }

            node = next;
        }
    }

    private static double Raw(List<TreeDocument> trees, double bias, float[] features)
    {
        var sum = bias;
        foreach (var tree in trees)
        {
            sum += tree.Leaf[Walk(tree, features, static (_, _) => { })];
        }

        return sum;
    }

    private BandsDocument ChooseBands(double[] scores)
    {
        // Scores are one decimal: the band starts at the lowest score of the top share, at least 0.1.
        var challenge = Math.Max(0.1, RankingMetrics.ThresholdAtRate(scores, _options.ChallengeRate));
        var deny = Math.Max(challenge, RankingMetrics.ThresholdAtRate(scores, _options.DenyRate));
        var trust = Math.Min(ScoreBands.Default.TrustMax, Math.Round(challenge / 2, 1));
        return new BandsDocument { TrustMax = trust, ChallengeMin = challenge, DenyMin = deny };
    }

    private static RiskModelMetrics Measure(
        RiskModelDocument document, IReadOnlyList<LabeledExample> training, IReadOnlyList<LabeledExample> validation, double[] scores, bool[] labels) => new()
        {
            TrainingActions = training.Count,
            TrainingFraud = training.Count(e => e.IsFraud),
            ValidationActions = validation.Count,
            ValidationFraud = validation.Count(e => e.IsFraud),
            ValidationFrom = validation[0].OccurredAt,
            ValidationRocAuc = Math.Round(RankingMetrics.RocAuc(scores, labels), 4),
            Challenge = RankingMetrics.AtThreshold(scores, labels, document.Bands.ChallengeMin),
            Deny = RankingMetrics.AtThreshold(scores, labels, document.Bands.DenyMin),
        };

    private static List<FeatureImportance> Importances(TreeEnsembleModel model, IReadOnlyList<LabeledExample> validation)
    {
        var totals = new double[RiskFeatures.Count];
        var contributions = new double[RiskFeatures.Count];
        foreach (var example in validation)
        {
            model.Explain(example.Features, contributions);
            for (var i = 0; i < totals.Length; i++)
            {
                totals[i] += Math.Abs(contributions[i]);
            }
        }

        return [.. totals
            .Select((total, i) => new FeatureImportance(RiskFeatures.Names[i], Math.Round(total / validation.Count, 4)))
            .Where(f => f.MeanAbsoluteLogOdds > 0)
            .OrderByDescending(f => f.MeanAbsoluteLogOdds)];
    }

    /// <summary>The row shape ML.NET reads; its vector size is set at run time from the schema.</summary>
    private sealed class TrainingRow
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}
