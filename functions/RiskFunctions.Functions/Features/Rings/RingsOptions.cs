using RiskFunctions.Domain.Campaigns;
using RiskFunctions.Domain.FraudRings;

namespace RiskFunctions.Functions.Features.Rings;

/// <summary>Ring and campaign maintenance and the active-campaign view. Configuration section <c>Rings</c>.</summary>
public sealed class RingsOptions
{
    public const string SectionName = "Rings";

    /// <summary>When a group of linked users is a ring.</summary>
    public RingDetectionOptions Detection { get; set; } = new();

    /// <summary>When a burst of actions is a campaign.</summary>
    public CampaignDetectionOptions Campaigns { get; set; } = new();

    /// <summary>How long an action stays in the recent-activity feed after it was stored. Default 30 minutes (three campaign windows).</summary>
    public TimeSpan FeedRetention { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How old trigger-action's in-memory view of a tenant's active campaigns may get before it is read again (in the background). Default 30 seconds.</summary>
    public TimeSpan ActiveViewRefresh { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Users whose identifiers one maintenance run reads around the new actions, at most. Default 2,000.</summary>
    public int MaxNeighbourhood { get; set; } = 2000;

    /// <summary>Past actions of a user indexed under the ring they join, at most. Default 1,000.</summary>
    public int MaxBackfillPerMember { get; set; } = 1000;
}
