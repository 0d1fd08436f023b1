using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Labels;

/// <summary>Body of <c>POST /label</c>: classifies a subject as fraudulent or legitimate.</summary>
public sealed record LabelRequest
{
    /// <summary>Required. Current or legacy spelling; legacy ones are mapped to current ones.</summary>
    [JsonPropertyName("label_type")]
    public LabelType? LabelType { get; init; }

    /// <summary>Required.</summary>
    [JsonPropertyName("subject")]
    public LabelSubject? Subject { get; init; }

    [JsonPropertyName("use_case")]
    public LabelUseCase? UseCase { get; init; }

    [JsonPropertyName("source")]
    public LabelSource? Source { get; init; }
}
