using Azure.Data.Tables;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Rules;

/// <summary>The rule hit counter table: PartitionKey the tenant (key-encoded), RowKey the rule id, one row per rule.</summary>
internal static class RuleHitsTable
{
    public const string RuleHitsTableName = "rulehits";

    private const string RevisionProperty = "Revision";
    private const string ProductionProperty = "ProductionHits";
    private const string PreviewProperty = "PreviewHits";
    private const string LastHitAtProperty = "LastHitAt";

    public static string PartitionKey(string tenantId) => TableKeyEncoder.Encode(tenantId);

    public static string RowKey(string ruleId) => ruleId;

    public static TableEntity ToEntity(string partitionKey, string ruleId, RuleHitCounts counts) => new(partitionKey, RowKey(ruleId))
    {
        [RevisionProperty] = counts.Revision,
        [ProductionProperty] = counts.ProductionHits,
        [PreviewProperty] = counts.PreviewHits,
        [LastHitAtProperty] = counts.LastHitAt,
    };

    public static RuleHitCounts FromEntity(TableEntity entity) => new(
        entity.GetInt64(RevisionProperty) ?? 0,
        entity.GetInt64(ProductionProperty) ?? 0,
        entity.GetInt64(PreviewProperty) ?? 0,
        entity.GetDateTimeOffset(LastHitAtProperty));
}
