using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Models;

/// <summary><c>GET /risk/v1/models/current</c> and <c>POST /risk/v1/models/train</c>: a tenant's learned model and how it measured.</summary>
public sealed record RiskModelResponse
{
    /// <summary><c>v</c> + UTC training time (<c>yyyyMMddHHmmss</c>): what the stored actions it scored name.</summary>
    [JsonPropertyName("version")]
    public required string Version { get; init; }

    /// <summary>Unix milliseconds.</summary>
    [JsonPropertyName("trained_at")]
    public required long TrainedAt { get; init; }

    /// <summary>The feature slots the model reads (its feature schema).</summary>
    [JsonPropertyName("feature_count")]
    public required int FeatureCount { get; init; }

    [JsonPropertyName("labels")]
    public required RiskModelLabelCounts Labels { get; init; }

    /// <summary>Unix milliseconds: the validation slice is the labeled actions from this time on (the newest).</summary>
    [JsonPropertyName("validation_from")]
    public required long ValidationFrom { get; init; }

    [JsonPropertyName("validation_roc_auc")]
    public required double ValidationRocAuc { get; init; }

    /// <summary>The model's default bands, chosen on the validation slice; a tenant's configured bands override them.</summary>
    [JsonPropertyName("bands")]
    public required RiskModelBands Bands { get; init; }

    /// <summary>CHALLENGE or above on the validation slice.</summary>
    [JsonPropertyName("at_challenge")]
    public RiskModelBandMetrics? AtChallenge { get; init; }

    /// <summary>DENY on the validation slice.</summary>
    [JsonPropertyName("at_deny")]
    public RiskModelBandMetrics? AtDeny { get; init; }

    /// <summary>Mean absolute contribution (nats) of each feature on the validation slice, largest first.</summary>
    [JsonPropertyName("feature_importances")]
    public required IReadOnlyList<RiskModelFeatureImportance> FeatureImportances { get; init; }

    [JsonPropertyName("training_seconds")]
    public required double TrainingSeconds { get; init; }
}

/// <summary>Labeled actions the model was trained and validated on, by class.</summary>
public sealed record RiskModelLabelCounts
{
    [JsonPropertyName("fraud")]
    public required int Fraud { get; init; }

    [JsonPropertyName("legitimate")]
    public required int Legitimate { get; init; }

    [JsonPropertyName("training")]
    public required RiskModelSlice Training { get; init; }

    [JsonPropertyName("validation")]
    public required RiskModelSlice Validation { get; init; }
}

/// <summary>One slice's labeled actions by class.</summary>
public sealed record RiskModelSlice
{
    [JsonPropertyName("fraud")]
    public required int Fraud { get; init; }

    [JsonPropertyName("legitimate")]
    public required int Legitimate { get; init; }
}

/// <summary>Score bands: TRUST at most <c>trust_max</c>, CHALLENGE from <c>challenge_min</c>, DENY from <c>deny_min</c>.</summary>
public sealed record RiskModelBands
{
    [JsonPropertyName("trust_max")]
    public required double TrustMax { get; init; }

    [JsonPropertyName("challenge_min")]
    public required double ChallengeMin { get; init; }

    [JsonPropertyName("deny_min")]
    public required double DenyMin { get; init; }
}

/// <summary>How a band threshold measured on the validation slice.</summary>
public sealed record RiskModelBandMetrics
{
    [JsonPropertyName("threshold")]
    public required double Threshold { get; init; }

    /// <summary>Share of the slice's actions at or above the threshold.</summary>
    [JsonPropertyName("rate")]
    public required double Rate { get; init; }

    [JsonPropertyName("precision")]
    public required double Precision { get; init; }

    [JsonPropertyName("recall")]
    public required double Recall { get; init; }
}

/// <summary>How much one feature moves the model's scores on average.</summary>
public sealed record RiskModelFeatureImportance
{
    [JsonPropertyName("feature")]
    public required string Feature { get; init; }

    [JsonPropertyName("mean_abs_log_odds")]
    public required double MeanAbsLogOdds { get; init; }
}
