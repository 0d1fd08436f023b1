using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Labels;

/// <summary>Answer to <c>GET /label/{label_id}</c>: the label and how far its propagation has come.</summary>
public sealed record LabelStatusResponse
{
    [JsonPropertyName("label_id")]
    public required string LabelId { get; init; }

    [JsonPropertyName("label")]
    public required SavedLabel Label { get; init; }

    [JsonPropertyName("propagation_state")]
    public required LabelPropagationState PropagationState { get; init; }

    /// <summary>Actions marked with the label so far (final once the state is <c>done</c>).</summary>
    [JsonPropertyName("affected_action_count")]
    public required long AffectedActionCount { get; init; }
}
