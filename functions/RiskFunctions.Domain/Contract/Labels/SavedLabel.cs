using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Labels;

/// <summary>A label as stored: the request's fields with the label type in its current spelling, an id and a time.</summary>
public sealed record SavedLabel
{
    [JsonPropertyName("label_id")]
    public required string LabelId { get; init; }

    [JsonPropertyName("label_type")]
    public required LabelType LabelType { get; init; }

    [JsonPropertyName("subject")]
    public required LabelSubject Subject { get; init; }

    [JsonPropertyName("use_case")]
    public LabelUseCase? UseCase { get; init; }

    [JsonPropertyName("source")]
    public LabelSource? Source { get; init; }

    /// <summary>Unix epoch time in milliseconds the label was created.</summary>
    [JsonPropertyName("label_timestamp")]
    public required long LabelTimestamp { get; init; }
}
