using RiskFunctions.Storage.Activity;
using RiskFunctions.Storage.FraudRings;

namespace RiskFunctions.Storage.Campaigns;

/// <summary>The logical names of the ring and campaign tables (the configured prefix is prepended).</summary>
public static class CampaignTables
{
    /// <summary>Recent actions awaiting or within reach of ring and campaign maintenance.</summary>
    public const string ActivityTableName = ActivityTable.ActivityTableName;

    /// <summary>The user graph, the rings and their memberships.</summary>
    public const string FraudRingsTableName = FraudRingsTable.FraudRingsTableName;

    /// <summary>The campaigns.</summary>
    public const string CampaignsTableName = CampaignsTable.CampaignsTableName;

    public static IReadOnlyList<string> All { get; } = [ActivityTableName, FraudRingsTableName, CampaignsTableName];
}
