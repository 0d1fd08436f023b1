using System.Text.Json.Serialization;

namespace RiskFunctions.Domain.Contract.Rings;

/// <summary>A campaign in a list.</summary>
public sealed record CampaignSummary
{
    [JsonPropertyName("campaign_id")]
    public required string CampaignId { get; init; }

    /// <summary><c>credential_stuffing</c>, <c>bot_registration</c> or <c>card_testing</c>.</summary>
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    /// <summary>The threat its actions carry.</summary>
    [JsonPropertyName("threat")]
    public required string Threat { get; init; }

    [JsonPropertyName("action_count")]
    public required long ActionCount { get; init; }

    [JsonPropertyName("first_seen")]
    public required long FirstSeen { get; init; }

    [JsonPropertyName("last_seen")]
    public required long LastSeen { get; init; }

    /// <summary>The campaign's newest label type, if it was labeled.</summary>
    [JsonPropertyName("label_type")]
    public string? LabelType { get; init; }
}

/// <summary><c>GET /risk/v1/campaigns</c>.</summary>
public sealed record CampaignListResponse
{
    [JsonPropertyName("campaigns")]
    public required IReadOnlyList<CampaignSummary> Campaigns { get; init; }

    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; init; }
}

/// <summary><c>GET /risk/v1/campaigns/{id}</c>.</summary>
public sealed record CampaignResponse
{
    [JsonPropertyName("campaign")]
    public required CampaignSummary Campaign { get; init; }

    /// <summary>What its actions share: the feature's name and value (e.g. <c>ip_asn_id</c> = <c>AS14061</c>).</summary>
    [JsonPropertyName("defining_feature")]
    public required IReadOnlyDictionary<string, string> DefiningFeature { get; init; }

    /// <summary>The figures that made it a campaign: <c>actions</c>, <c>distinct_users</c>, <c>failure_ratio</c>, ...</summary>
    [JsonPropertyName("measures")]
    public required IReadOnlyDictionary<string, double> Measures { get; init; }

    [JsonPropertyName("actions")]
    public required IReadOnlyList<RingActionItem> Actions { get; init; }

    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; init; }
}
