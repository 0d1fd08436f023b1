namespace RiskFunctions.Domain.Campaigns;

/// <summary>When a burst of similar actions is a campaign. Configuration section <c>Campaigns:Detection</c>.</summary>
public sealed class CampaignDetectionOptions
{
    /// <summary>The burst window: that many suspicious actions within it start a campaign, and a campaign stays open that long after its last action. Default 10 minutes.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Failed logins of one group within <see cref="Window"/> that start a credential-stuffing campaign. Default 50.</summary>
    public int MinFailedLogins { get; set; } = 50;

    /// <summary>Distinct users those failed logins must name. Default 30.</summary>
    public int MinStuffedUsers { get; set; } = 30;

    /// <summary>Failed share of the group's logins with a result in the campaign's span. Default 0.5.</summary>
    public double MinFailureRatio { get; set; } = 0.5;

    /// <summary>Registrations of distinct new users from one group within <see cref="Window"/>. Default 30.</summary>
    public int MinRegistrations { get; set; } = 30;

    /// <summary>Small payments of one group within <see cref="Window"/>. Default 15.</summary>
    public int MinCardTests { get; set; } = 15;

    /// <summary>Distinct cards those payments must use. Default 10.</summary>
    public int MinTestedCards { get; set; } = 10;

    /// <summary>A payment of at most this amount (in its currency) is a card test. Default 5.</summary>
    public decimal SmallAmount { get; set; } = 5m;
}
