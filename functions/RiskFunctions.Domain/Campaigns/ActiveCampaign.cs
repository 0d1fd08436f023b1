using RiskFunctions.Domain.Activity;

namespace RiskFunctions.Domain.Campaigns;

/// <summary>A campaign as trigger-action sees it: what its actions share, and until when it is open.</summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="Kind">The attack.</param>
/// <param name="Feature">What its actions share.</param>
/// <param name="FeatureValue">Its value.</param>
/// <param name="FirstSeen">Its first action.</param>
/// <param name="LastSeen">Its last action; it stays open one window after it.</param>
public sealed record ActiveCampaign(string CampaignId, CampaignKind Kind, CampaignFeature Feature, string FeatureValue, DateTimeOffset FirstSeen, DateTimeOffset LastSeen)
{
    /// <summary>Whether <paramref name="action"/> continues this campaign: same kind of action, same feature value, within the window.</summary>
    public bool Matches(ActivityRecord action, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Kind.Covers(action.ActionType)
            && action.OccurredAt <= LastSeen + window
            && action.OccurredAt >= FirstSeen - window
            && string.Equals(Feature.ValueOf(action), FeatureValue, StringComparison.Ordinal);
    }
}
