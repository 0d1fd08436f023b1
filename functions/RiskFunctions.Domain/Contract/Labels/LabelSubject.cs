using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Labels;

/// <summary>The entity a label is about.</summary>
public sealed record LabelSubject
{
    /// <summary>Required.</summary>
    [JsonPropertyName("type")]
    public LabelSubjectType? Type { get; init; }

    /// <summary>Required. The subject's identifier, e.g. an action id or an IP address.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; init; }

    /// <summary>
    /// For <see cref="LabelSubjectType.FraudRingId"/> only: label only the ring's actions that received one of
    /// these recommendations.
    /// </summary>
    [JsonPropertyName("recommendations")]
    public IReadOnlyList<LabelRecommendationFilter>? Recommendations { get; init; }

    /// <summary>For <see cref="LabelSubjectType.CampaignId"/> only: whether the campaign's actions are labeled too.</summary>
    [JsonPropertyName("is_campaign_confirmed")]
    public bool? IsCampaignConfirmed { get; init; }
}
