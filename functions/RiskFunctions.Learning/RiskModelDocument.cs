using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiskFunctions.Learning;

/// <summary>
/// A trained tenant model as stored: the trees with their node means (for per-feature contributions), the
/// calibration, the bands chosen on the validation slice, the metrics and the feature schema. Plain data,
/// serialized as JSON; <see cref="TreeEnsembleModel"/> scores with it.
/// </summary>
public sealed class RiskModelDocument
{
    /// <summary>Format of this document; a reader refuses a format it does not know.</summary>
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public int Format { get; set; } = CurrentFormat;

    public string TenantId { get; set; } = string.Empty;

    /// <summary>Ordered by training time (<c>v</c> + UTC <c>yyyyMMddHHmmss</c>).</summary>
    public string Version { get; set; } = string.Empty;

    public DateTimeOffset TrainedAt { get; set; }

    /// <summary>The feature names, in slot order, the model was trained on.</summary>
    public List<string> Features { get; set; } = [];

    /// <summary>Added to the trees' sum before calibration.</summary>
    public double Bias { get; set; }

    /// <summary>Platt scaling of the raw score: log-odds of fraud = A · raw + B.</summary>
    public double CalibrationA { get; set; }

    public double CalibrationB { get; set; }

    public List<TreeDocument> Trees { get; set; } = [];

    public BandsDocument Bands { get; set; } = new();

    public RiskModelMetrics Metrics { get; set; } = new();

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static RiskModelDocument FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<RiskModelDocument>(json, Json) ?? throw new JsonException("Empty model document.");
}

/// <summary>
/// One regression tree: node <c>i</c> sends a vector to <see cref="Lte"/>[i] when its feature
/// <see cref="Feature"/>[i] is at most <see cref="Threshold"/>[i], else to <see cref="Gt"/>[i]; a negative
/// child <c>c</c> is the leaf <c>~c</c>. <see cref="Mean"/>[i] is the average output of the training
/// actions that reached node <c>i</c>. The tree's weight is folded into the values.
/// </summary>
public sealed class TreeDocument
{
    public int[] Feature { get; set; } = [];

    public float[] Threshold { get; set; } = [];

    public int[] Lte { get; set; } = [];

    public int[] Gt { get; set; } = [];

    public double[] Mean { get; set; } = [];

    public double[] Leaf { get; set; } = [];
}

/// <summary>Score bands as stored with a model.</summary>
public sealed class BandsDocument
{
    public double TrustMax { get; set; } = 15;

    public double ChallengeMin { get; set; } = 50;

    public double DenyMin { get; set; } = 85;
}

/// <summary>How a model measured on its validation slice, and on how many labels it was trained.</summary>
public sealed class RiskModelMetrics
{
    public int TrainingActions { get; set; }

    public int TrainingFraud { get; set; }

    public int ValidationActions { get; set; }

    public int ValidationFraud { get; set; }

    /// <summary>The validation slice: labeled actions from this time on.</summary>
    public DateTimeOffset ValidationFrom { get; set; }

    public double ValidationRocAuc { get; set; }

    /// <summary>CHALLENGE band and above on the validation slice.</summary>
    public BandMetrics? Challenge { get; set; }

    /// <summary>DENY band on the validation slice.</summary>
    public BandMetrics? Deny { get; set; }

    /// <summary>Mean absolute contribution (nats) of each feature on the validation slice, largest first.</summary>
    public List<FeatureImportance> FeatureImportances { get; set; } = [];

    public double TrainingSeconds { get; set; }
}

/// <summary>How much one feature moves scores on average.</summary>
public sealed record FeatureImportance(string Feature, double MeanAbsoluteLogOdds);
