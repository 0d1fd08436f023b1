namespace RiskFunctions.Domain.Campaigns;

/// <summary>A burst that is a campaign: its kind, what defines it, its actions and its span.</summary>
/// <param name="Kind">The attack.</param>
/// <param name="Feature">What the actions share.</param>
/// <param name="FeatureValue">Its value.</param>
/// <param name="ActionTokens">Every action of the group in the campaign's span (the successful logins of a stuffing too).</param>
/// <param name="FirstSeen">The first action.</param>
/// <param name="LastSeen">The last action.</param>
/// <param name="Measures">The figures that made it a campaign: <c>actions</c>, <c>distinct_users</c>, <c>failure_ratio</c>, ...</param>
public sealed record DetectedCampaign(
    CampaignKind Kind,
    CampaignFeature Feature,
    string FeatureValue,
    IReadOnlyList<string> ActionTokens,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    IReadOnlyDictionary<string, double> Measures)
{
    /// <summary>Kind, feature and value: campaigns with the same signature that follow each other closely are one.</summary>
    public string Signature => CampaignIdentity.Signature(Kind, Feature, FeatureValue);
}
