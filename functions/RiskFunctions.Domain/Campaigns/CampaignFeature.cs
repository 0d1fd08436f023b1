using RiskFunctions.Domain.Activity;

namespace RiskFunctions.Domain.Campaigns;

/// <summary>The one thing a campaign's actions have in common.</summary>
public enum CampaignFeature
{
    Asn,
    UserAgentFamily,
    DeviceFingerprint,
    DeviceId,
}

/// <summary>Codes and values of <see cref="CampaignFeature"/>.</summary>
public static class CampaignFeatures
{
    public static IReadOnlyList<CampaignFeature> All { get; } = Enum.GetValues<CampaignFeature>();

    /// <summary>Never change an existing code: it is stored and answered.</summary>
    public static string Code(this CampaignFeature feature) => feature switch
    {
        CampaignFeature.Asn => "ip_asn_id",
        CampaignFeature.UserAgentFamily => "user_agent_family",
        CampaignFeature.DeviceFingerprint => "device_fingerprint",
        CampaignFeature.DeviceId => "device_id",
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, "Unknown campaign feature."),
    };

    public static CampaignFeature? FromCode(string? code) =>
        All.Where(feature => feature.Code() == code).Select(feature => (CampaignFeature?)feature).FirstOrDefault();

    /// <summary>The action's value of the feature, or null.</summary>
    public static string? ValueOf(this CampaignFeature feature, ActivityRecord action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return feature switch
        {
            CampaignFeature.Asn => action.Asn,
            CampaignFeature.UserAgentFamily => action.UserAgentFamily,
            CampaignFeature.DeviceFingerprint => action.DeviceFingerprint,
            CampaignFeature.DeviceId => action.DeviceId,
            _ => null,
        };
    }

    /// <summary>The features a kind of campaign is grouped by, strongest first.</summary>
    public static IReadOnlyList<CampaignFeature> GroupingFor(CampaignKind kind) => kind switch
    {
        CampaignKind.CredentialStuffing => [CampaignFeature.Asn, CampaignFeature.UserAgentFamily],
        CampaignKind.BotRegistration => [CampaignFeature.DeviceFingerprint, CampaignFeature.UserAgentFamily, CampaignFeature.Asn],
        CampaignKind.CardTesting => [CampaignFeature.DeviceId, CampaignFeature.DeviceFingerprint],
        _ => [],
    };
}
