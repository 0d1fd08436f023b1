using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Rings;

/// <summary>An action of a ring or campaign, as the index knows it.</summary>
public sealed record RingActionItem
{
    [JsonPropertyName("action_id")]
    public required string ActionId { get; init; }

    /// <summary>Unix epoch milliseconds.</summary>
    [JsonPropertyName("action_performed_at")]
    public required long ActionPerformedAt { get; init; }

    [JsonPropertyName("user_id")]
    public string? UserId { get; init; }

    [JsonPropertyName("device_id")]
    public string? DeviceId { get; init; }

    /// <summary>The recommendation type returned for it.</summary>
    [JsonPropertyName("recommendation")]
    public required string Recommendation { get; init; }
}
