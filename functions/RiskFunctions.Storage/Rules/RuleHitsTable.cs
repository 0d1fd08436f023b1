using Azure.Data.Tables;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Rules;

/// <summary>
/// The rule hit counter table: PartitionKey the tenant (key-encoded), RowKey the rule id, one row per rule holding
/// its counts and the marks of the batches it holds (<see cref="RuleHitFlushMarks"/>).
/// </summary>
internal static class RuleHitsTable
{
    public const string RuleHitsTableName = "rulehits";

    private const string RevisionProperty = "Revision";
    private const string ProductionProperty = "ProductionHits";
    private const string PreviewProperty = "PreviewHits";
    private const string LastHitAtProperty = "LastHitAt";

    public static string PartitionKey(string tenantId) => TableKeyEncoder.Encode(tenantId);

    public static string RowKey(string ruleId) => ruleId;

    /// <summary>The row after <paramref name="flush"/>: <paramref name="counts"/>, and <paramref name="previous"/>'s marks with the flush's.</summary>
    public static TableEntity ToEntity(string partitionKey, string ruleId, RuleHitCounts counts, TableEntity? previous, RuleHitFlush flush)
    {
        var entity = new TableEntity(partitionKey, RowKey(ruleId))
        {
            [RevisionProperty] = counts.Revision,
            [ProductionProperty] = counts.ProductionHits,
            [PreviewProperty] = counts.PreviewHits,
            [LastHitAtProperty] = counts.LastHitAt,
        };
        RuleHitFlushMarks.Write(previous, entity, flush);
        return entity;
    }

    public static RuleHitCounts FromEntity(TableEntity entity) => new(
        entity.GetInt64(RevisionProperty) ?? 0,
        entity.GetInt64(ProductionProperty) ?? 0,
        entity.GetInt64(PreviewProperty) ?? 0,
        entity.GetDateTimeOffset(LastHitAtProperty));
}
