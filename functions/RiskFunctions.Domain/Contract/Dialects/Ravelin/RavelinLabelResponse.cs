using System.Text.Json.Serialization;
using RiskFunctions.Domain.Contract.Serialization;

namespace RiskFunctions.Domain.Contract.Dialects.Ravelin;

/// <summary>Ravelin's answer to a customer label (camelCase, as Ravelin spells it).</summary>
public sealed record RavelinLabelResponse
{
    [JsonPropertyName("timestamp")]
    [JsonConverter(typeof(UtcTimestampConverter))]
    public required DateTimeOffset Timestamp { get; init; }

    [JsonPropertyName("category")]
    public required RavelinResponseCategory Category { get; init; }

    /// <summary>Who reviewed the customer.</summary>
    [JsonPropertyName("author")]
    public RavelinReviewer? Author { get; init; }

    [JsonPropertyName("review")]
    public required RavelinReview Review { get; init; }

    /// <summary>The colour band of the review, e.g. <c>RED</c>.</summary>
    [JsonPropertyName("reviewBand")]
    public string? ReviewBand { get; init; }

    /// <summary>The reviewer's comment.</summary>
    [JsonPropertyName("reviewText")]
    public string? ReviewText { get; init; }

    /// <summary>The reviewed customer's id.</summary>
    [JsonPropertyName("entityId")]
    public required string EntityId { get; init; }

    /// <summary>Always <c>customer</c>.</summary>
    [JsonPropertyName("entityType")]
    public required string EntityType { get; init; }
}
