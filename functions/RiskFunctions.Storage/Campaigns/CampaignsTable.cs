using System.Globalization;
using Azure.Data.Tables;
using RiskFunctions.Domain.Campaigns;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Campaigns;

/// <summary>
/// The campaigns table: one row per campaign, PartitionKey tenant + <c>campaign</c>, RowKey the campaign id, so a
/// tenant's campaigns are one partition (listed, and read whole by the active-campaign view). Property names are part
/// of the stored format; kinds and features are stored by code.
/// </summary>
internal static class CampaignsTable
{
    public const string CampaignsTableName = "campaigns";

    public static string PartitionKey(string tenantId) => TableKeyEncoder.Join(tenantId, "campaign");

    public static TableEntity ToEntity(StoredCampaign campaign)
    {
        var entity = new TableEntity(PartitionKey(campaign.TenantId), campaign.CampaignId)
        {
            ["Kind"] = campaign.Kind.Code(),
            ["Feature"] = campaign.Feature.Code(),
            ["FeatureValue"] = campaign.FeatureValue,
            ["FirstSeen"] = campaign.FirstSeen,
            ["LastSeen"] = campaign.LastSeen,
            ["ActionCount"] = campaign.ActionCount,
            ["Measures"] = string.Join(';', campaign.Measures.OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => pair.Key + "=" + pair.Value.ToString("R", CultureInfo.InvariantCulture))),
        };
        return entity;
    }

    /// <summary>The label columns only, merged onto the row.</summary>
    public static TableEntity ToLabelPatch(string tenantId, string campaignId, string labelId, string labelType, DateTimeOffset labeledAt) =>
        new(PartitionKey(tenantId), campaignId) { ["LabelId"] = labelId, ["LabelType"] = labelType, ["LabeledAt"] = labeledAt };

    public static StoredCampaign? FromEntity(string tenantId, TableEntity entity) =>
        CampaignKinds.FromCode(entity.GetString("Kind")) is { } kind && CampaignFeatures.FromCode(entity.GetString("Feature")) is { } feature
            ? new StoredCampaign
            {
                TenantId = tenantId,
                CampaignId = entity.RowKey,
                Kind = kind,
                Feature = feature,
                FeatureValue = entity.GetString("FeatureValue") ?? string.Empty,
                FirstSeen = entity.GetDateTimeOffset("FirstSeen") ?? default,
                LastSeen = entity.GetDateTimeOffset("LastSeen") ?? default,
                ActionCount = entity.GetInt64("ActionCount") ?? 0,
                Measures = Measures(entity.GetString("Measures")),
                LabelId = entity.GetString("LabelId"),
                LabelType = entity.GetString("LabelType"),
                LabeledAt = entity.GetDateTimeOffset("LabeledAt"),
            }
            : null;

    private static Dictionary<string, double> Measures(string? stored)
    {
        var measures = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pair in (stored ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length == 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                measures[parts[0]] = value;
            }
        }

        return measures;
    }
}
