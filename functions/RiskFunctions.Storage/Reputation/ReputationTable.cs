using Azure.Data.Tables;
using RiskFunctions.Domain.Enrichment.IpIntelligence;
using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Reputation;

/// <summary>
/// The reputation table: one row per labeled entity, PartitionKey tenant + <c>rep</c> + entity kind + value (IP
/// addresses canonical, so any spelling has one reputation), RowKey <c>rep</c>.
/// </summary>
internal static class ReputationTable
{
    public const string ReputationTableName = "reputation";

    public const string RowKey = "rep";

    private const char IdSeparator = '\n';

    public static string PartitionKey(string tenantId, ReputationEntityKind kind, string value)
    {
        var canonical = kind == ReputationEntityKind.Ip && IpAddressValue.TryParse(value, out var ip) ? ip.ToString() : value;
        return string.Concat(TableKeyEncoder.Join(tenantId, "rep", kind.Code()), "|", StorageKeys.Value(canonical));
    }

    public static TableEntity ToEntity(string partitionKey, EntityReputation reputation)
    {
        var entity = new TableEntity(partitionKey, RowKey)
        {
            ["Standing"] = reputation.Standing.ToString(),
            ["FraudLabels"] = reputation.FraudLabels,
            ["LegitLabels"] = reputation.LegitLabels,
            ["RecentLabelIds"] = string.Join(IdSeparator, reputation.RecentLabelIds.Select(TableKeyEncoder.Encode)),
        };
        entity.SetIfPresent("LabelId", reputation.LabelId);
        entity.SetIfPresent("LabeledAt", reputation.LabeledAt);
        return entity;
    }

    public static EntityReputation FromEntity(TableEntity entity)
    {
        var recent = entity.GetString("RecentLabelIds");
        return new EntityReputation
        {
            Standing = Enum.TryParse<ReputationStanding>(entity.GetString("Standing"), out var standing) ? standing : ReputationStanding.None,
            LabelId = entity.GetString("LabelId"),
            LabeledAt = entity.GetDateTimeOffset("LabeledAt"),
            FraudLabels = entity.GetInt32("FraudLabels") ?? 0,
            LegitLabels = entity.GetInt32("LegitLabels") ?? 0,
            RecentLabelIds = string.IsNullOrEmpty(recent) ? [] : [.. recent.Split(IdSeparator).Select(TableKeyEncoder.Decode)],
        };
    }
}
