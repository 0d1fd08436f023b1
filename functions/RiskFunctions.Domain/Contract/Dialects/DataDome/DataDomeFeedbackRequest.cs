using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Dialects.DataDome;

/// <summary>
/// Body of DataDome Account Protect's <c>POST /v1/feedback</c>: the decision that should have been taken for
/// exactly one of an event, an account or a user.
/// </summary>
public sealed record DataDomeFeedbackRequest
{
    /// <summary>The event's id; excludes <see cref="Account"/> and <see cref="UserId"/>.</summary>
    [JsonPropertyName("eventId")]
    public string? EventId { get; init; }

    /// <summary>The user's account; excludes <see cref="EventId"/> and <see cref="UserId"/>.</summary>
    [JsonPropertyName("account")]
    public string? Account { get; init; }

    /// <summary>The user's id; excludes <see cref="EventId"/> and <see cref="Account"/>.</summary>
    [JsonPropertyName("userId")]
    public string? UserId { get; init; }

    /// <summary>Required.</summary>
    [JsonPropertyName("decision")]
    public DataDomeDecision? Decision { get; init; }

    /// <summary>When the decision was taken, Unix epoch in milliseconds.</summary>
    [JsonPropertyName("decisionTime")]
    public long? DecisionTime { get; init; }

    [JsonPropertyName("decisionReason")]
    public string? DecisionReason { get; init; }

    /// <summary>Required.</summary>
    [JsonPropertyName("origin")]
    public DataDomeOrigin? Origin { get; init; }

    /// <summary>Identifies the decision-maker.</summary>
    [JsonPropertyName("originId")]
    public string? OriginId { get; init; }
}
