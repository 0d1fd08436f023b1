using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Dialects.DataDome;

/// <summary>DataDome's answer to accepted feedback (201).</summary>
public sealed record DataDomeFeedbackResponse
{
    [JsonPropertyName("feedbackId")]
    public required string FeedbackId { get; init; }
}
