using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Labels;

/// <summary>Answer to <c>POST /label</c> (201).</summary>
public sealed record LabelResponse
{
    [JsonPropertyName("message")]
    public required string Message { get; init; }

    /// <summary>ID of the saved label.</summary>
    [JsonPropertyName("label_id")]
    public required string LabelId { get; init; }

    [JsonPropertyName("label")]
    public required SavedLabel Label { get; init; }

    /// <summary>
    /// The actions known to be affected when the answer is sent. Propagation is asynchronous, so this may be a
    /// subset; <see cref="LabelStatusResponse"/> gives the final count. The wire name keeps the contract's
    /// spelling, typo included.
    /// </summary>
    [JsonPropertyName("afftectedActionIds")]
    public required IReadOnlyList<string> AffectedActionIds { get; init; }
}
