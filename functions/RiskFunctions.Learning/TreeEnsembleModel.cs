using System.Runtime.CompilerServices;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Domain.Scoring.Learning;

namespace RiskFunctions.Learning;

/// <summary>
/// Scores with a stored tree ensemble in plain code (no ML.NET at scoring time) and explains each score
/// exactly: following the path of every tree, the change of the expected output at each split goes to
/// the split's feature (Saabas), so the start (calibrated expectation at the roots) and the feature
/// contributions add up to the calibrated log-odds. Immutable and thread-safe.
/// </summary>
public sealed class TreeEnsembleModel : IRiskModel
{
    private readonly Tree[] _trees;
    private readonly double _start;

    private TreeEnsembleModel(RiskModelDocument document, Tree[] trees, double start, ScoreBands bands)
    {
        Document = document;
        _trees = trees;
        _start = start;
        Bands = bands;
    }

    public string Version => Document.Version;

    public ScoreBands Bands { get; }

    /// <summary>The stored form (metrics, schema, training time).</summary>
    public RiskModelDocument Document { get; }

    /// <summary>A model for <paramref name="document"/>; refuses a document of another format or feature schema.</summary>
    public static TreeEnsembleModel Load(RiskModelDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Format != RiskModelDocument.CurrentFormat)
        {
            throw new InvalidDataException($"Model format {document.Format} is not supported.");
        }

        if (!document.Features.SequenceEqual(RiskFeatures.Names, StringComparer.Ordinal))
        {
            throw new InvalidDataException("The model was trained on another feature schema.");
        }

        var a = document.CalibrationA;
        var start = document.CalibrationB + (a * document.Bias);
        var trees = new Tree[document.Trees.Count];
        for (var t = 0; t < trees.Length; t++)
        {
            var tree = Tree.From(document.Trees[t], a);
            trees[t] = tree;
            start += tree.Root;
        }

        var bands = new ScoreBands { TrustMax = document.Bands.TrustMax, ChallengeMin = document.Bands.ChallengeMin, DenyMin = document.Bands.DenyMin };
        if (bands.Validate() is { Count: > 0 } errors)
        {
            throw new InvalidDataException("Invalid model bands: " + string.Join(" ", errors));
        }

        return new TreeEnsembleModel(document, trees, start, bands);
    }

    public double Explain(ReadOnlySpan<float> features, Span<double> contributions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features.Length, RiskFeatures.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(contributions.Length, RiskFeatures.Count);
        contributions.Clear();
        foreach (var tree in _trees)
        {
            tree.Explain(features, contributions);
        }

        return _start;
    }

    /// <summary>One tree with its values already scaled by the calibration slope.</summary>
    private sealed class Tree
    {
        private readonly int[] _feature;
        private readonly float[] _threshold;
        private readonly int[] _lte;
        private readonly int[] _gt;
        private readonly double[] _mean;
        private readonly double[] _leaf;

        private Tree(int[] feature, float[] threshold, int[] lte, int[] gt, double[] mean, double[] leaf)
        {
            _feature = feature;
            _threshold = threshold;
            _lte = lte;
            _gt = gt;
            _mean = mean;
            _leaf = leaf;
        }

        /// <summary>The expected output before any split: a single-leaf tree's only value.</summary>
        public double Root => _feature.Length == 0 ? _leaf[0] : _mean[0];

        public static Tree From(TreeDocument document, double scale)
        {
            var nodes = document.Feature.Length;
            if (document.Threshold.Length != nodes || document.Lte.Length != nodes || document.Gt.Length != nodes
                || document.Mean.Length != nodes || document.Leaf.Length != nodes + 1)
            {
                throw new InvalidDataException("A tree's arrays disagree in length.");
            }

            foreach (var feature in document.Feature)
            {
                if (feature < 0 || feature >= RiskFeatures.Count)
                {
                    throw new InvalidDataException("A tree splits on an unknown feature.");
                }
            }

            return new Tree(
                document.Feature,
                document.Threshold,
                document.Lte,
                document.Gt,
                [.. document.Mean.Select(m => m * scale)],
                [.. document.Leaf.Select(l => l * scale)]);
        }

        // Fully optimized from the first call: the hot loop of scoring, never worth running unoptimized.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Explain(ReadOnlySpan<float> features, Span<double> contributions)
        {
            var node = 0;
            var nodes = _feature.Length;
            if (nodes == 0)
            {
                return;
            }

            // A well-formed tree reaches a leaf in at most as many steps as it has nodes.
            for (var steps = 0; node >= 0 && steps < nodes; steps++)
            {
                var feature = _feature[node];
                var next = features[feature] <= _threshold[node] ? _lte[node] : _gt[node];
                var reached = next >= 0 ? _mean[next] : _leaf[~next];
                contributions[feature] += reached - _mean[node];
                node = next;
            }
        }
    }
}
