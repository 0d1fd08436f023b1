using System.Globalization;
using Azure.Data.Tables;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Profiles;

/// <summary>
/// The population table: tenant-wide counts, each spread over shards so concurrent increments rarely collide.
/// PartitionKey tenant + <c>pop</c> + feature kind (or <c>tenant</c> for the tenant totals); RowKey the counted value
/// (a feature key, <c>~total</c>, <c>actions</c>, <c>users</c>) + <c>|</c> + shard, with the count in <c>N</c>.
/// </summary>
internal static class PopulationTable
{
    public const string PopulationTableName = "population";

    /// <summary>Counted value of a root kind's total.</summary>
    public const string TotalKey = "~total";

    /// <summary>Counted value of the tenant's profile-building actions.</summary>
    public const string ActionsKey = "actions";

    /// <summary>Counted value of the tenant's profiled users.</summary>
    public const string UsersKey = "users";

    private const string TenantPartition = "tenant";
    private const string Count = "N";

    /// <summary>The property a query selects.</summary>
    public static IReadOnlyList<string> CountProperties { get; } = [Count];

    public static string FeaturePartition(string tenantId, FeatureKind kind) => TableKeyEncoder.Join(tenantId, "pop", kind.Code());

    public static string TenantTotalsPartition(string tenantId) => TableKeyEncoder.Join(tenantId, "pop", TenantPartition);

    /// <summary>The counted value of a feature key.</summary>
    public static string FeatureKey(string key) => StorageKeys.Feature(key);

    public static string RowKey(string countedValue, int shard) =>
        string.Concat(countedValue, "|", shard.ToString(CultureInfo.InvariantCulture));

    /// <summary>Every shard of <paramref name="countedValue"/> in <paramref name="partitionKey"/>.</summary>
    public static string ShardsFilter(string partitionKey, string countedValue) =>
        TableFilter.Create($"PartitionKey eq {partitionKey} and RowKey ge {countedValue + "|"} and RowKey lt {countedValue + "}"}");

    public static long ReadCount(TableEntity entity) => entity.GetInt64(Count) ?? 0;

    /// <summary>Sets the count on a row read back, keeping whatever else it holds.</summary>
    public static void SetCount(TableEntity entity, long count) => entity[Count] = count;

    public static TableEntity ToEntity(string partitionKey, string rowKey, long count) => new(partitionKey, rowKey) { [Count] = count };
}
