using RiskFunctions.Domain.Campaigns;

namespace RiskFunctions.Storage.Campaigns;

/// <summary>A campaign as recorded: what defines it, its span and figures, and its newest label (its reputation).</summary>
public sealed record StoredCampaign
{
    public required string TenantId { get; init; }

    public required string CampaignId { get; init; }

    public required CampaignKind Kind { get; init; }

    public required CampaignFeature Feature { get; init; }

    public required string FeatureValue { get; init; }

    public required DateTimeOffset FirstSeen { get; init; }

    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>Member actions recorded so far.</summary>
    public long ActionCount { get; init; }

    /// <summary>The figures that made it a campaign at its last detection (<c>distinct_users</c>, <c>failure_ratio</c>, ...).</summary>
    public IReadOnlyDictionary<string, double> Measures { get; init; } = new Dictionary<string, double>();

    public string? LabelId { get; init; }

    public string? LabelType { get; init; }

    public DateTimeOffset? LabeledAt { get; init; }

    public string Signature => CampaignIdentity.Signature(Kind, Feature, FeatureValue);
}
