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

    public static string PartitionKey(string tenantId, ReputationEntityKind kind, string value)
    {
        var canonical = kind == ReputationEntityKind.Ip && IpAddressValue.TryParse(value, out var ip) ? ip.ToString() : value;
        return string.Concat(TableKeyEncoder.Join(tenantId, "rep", kind.Code()), "|", StorageKeys.Value(canonical));
    }

    public static TableEntity ToEntity(string partitionKey, EntityReputation reputation)
    {
        var entity = new TableEntity(partitionKey, RowKey);
        ReputationProperties.Write(entity, reputation, prefix: string.Empty);
        return entity;
    }

    public static EntityReputation FromEntity(TableEntity entity) => ReputationProperties.Read(entity, prefix: string.Empty);
}
