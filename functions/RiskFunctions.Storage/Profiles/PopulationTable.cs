using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Profiles;

/// <summary>
/// The population table: tenant-wide counts. PartitionKey tenant + <c>pop</c> + feature kind + bucket (one of
/// <see cref="Buckets"/>, from the counted value's hash), or tenant + <c>pop</c> + <c>tenant</c> for the tenant totals;
/// RowKey the counted value (a feature key, <c>~total</c>, <c>actions</c>, <c>users</c>) + <c>|</c> + shard, with the
/// count in <c>N</c>. A count a crowd shares is spread over shards so concurrent increments rarely collide; a value
/// few users share has one row, shard 0 (<see cref="IsSingleRow"/>). A count moved from the unbucketed partitions of
/// earlier versions keeps a row of its own, shard <c>m</c> + its old shard, read with the others (or folded into the
/// single row, <see cref="PopulationMigration"/>).
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

    /// <summary>The second component of every population partition key.</summary>
    public const string Pop = "pop";

    private const string TenantPartition = "tenant";
    private const string Count = "N";

    /// <summary>
    /// Partitions per feature kind and tenant. A kind's values in one partition would make it a hot spot on Azure (a
    /// partition serves about 2,000 entities a second) and a long scan on Azurite (which finds a point read's row by
    /// scanning its partition).
    /// </summary>
    public const int Buckets = 16;

    /// <summary>Most rows one counted value has: its shards and the shards moved from an unbucketed partition.</summary>
    public const int MaxRowsPerValue = 2 * PopulationRepository.Shards;

    /// <summary>The property a query selects.</summary>
    public static IReadOnlyList<string> CountProperties { get; } = [Count];

    /// <summary>The shard of a count kept in one row.</summary>
    public const int SingleRowShard = 0;

    /// <summary>
    /// Whether a kind's values are counted in one row: an IP address, a device id, a fingerprint or a public key is
    /// shown by one user or a handful, so concurrent increments of one value are rare (a single row retries them),
    /// and one row is a point read where shards are a range read (which Azurite answers by scanning the whole table).
    /// Countries, networks, platforms, browsers, user agents and every total keep their shards: a crowd increments them.
    /// </summary>
    public static bool IsSingleRow(FeatureKind kind, string countedValue) =>
        kind is FeatureKind.Ip or FeatureKind.Device or FeatureKind.Fingerprint or FeatureKind.PublicKey
        && !string.Equals(countedValue, TotalKey, StringComparison.Ordinal);

    /// <summary>The count of a feature value (a <see cref="FeatureKey"/>) or of a root kind's total (<see cref="TotalKey"/>).</summary>
    public static PopulationCountKey FeatureCount(string tenantId, FeatureKind kind, string countedValue) =>
        new(FeaturePartition(tenantId, kind, countedValue), countedValue, IsSingleRow(kind, countedValue));

    /// <summary>One of the tenant's totals (<see cref="ActionsKey"/>, <see cref="UsersKey"/>).</summary>
    public static PopulationCountKey TenantCount(string tenantId, string countedValue) => new(TenantTotalsPartition(tenantId), countedValue, SingleRow: false);

    /// <summary>The partition of <paramref name="countedValue"/> (a <see cref="FeatureKey"/> or <see cref="TotalKey"/>) of a kind.</summary>
    public static string FeaturePartition(string tenantId, FeatureKind kind, string countedValue) =>
        TableKeyEncoder.Join(tenantId, Pop, kind.Code(), Bucket(countedValue));

    public static string TenantTotalsPartition(string tenantId) => TableKeyEncoder.Join(tenantId, Pop, TenantPartition);

    /// <summary>The counted value of a feature key.</summary>
    public static string FeatureKey(string key) => StorageKeys.Feature(key);

    public static string RowKey(string countedValue, int shard) =>
        string.Concat(countedValue, "|", shard.ToString(CultureInfo.InvariantCulture));

    /// <summary>The row of shard <paramref name="shard"/> as a row key names it (a number, or <c>m</c> + a number).</summary>
    public static string RowKey(string countedValue, string shard) => string.Concat(countedValue, "|", shard);

    /// <summary>The row of a count moved from shard <paramref name="shard"/> of an unbucketed partition.</summary>
    public static string MovedRowKey(string countedValue, string shard) => string.Concat(countedValue, "|m", shard);

    /// <summary>The counted value and shard of a row key.</summary>
    public static bool TrySplitRowKey(string rowKey, out string countedValue, out string shard)
    {
        var separator = rowKey.LastIndexOf('|');
        (countedValue, shard) = separator > 0 ? (rowKey[..separator], rowKey[(separator + 1)..]) : (string.Empty, string.Empty);
        return separator > 0;
    }

    /// <summary>Every shard of <paramref name="countedValue"/> in <paramref name="partitionKey"/>.</summary>
    public static string ShardsFilter(string partitionKey, string countedValue) =>
        TableFilter.Create($"PartitionKey eq {partitionKey} and RowKey ge {countedValue + "|"} and RowKey lt {countedValue + "}"}");

    public static long ReadCount(TableEntity entity) => entity.GetInt64(Count) ?? 0;

    /// <summary>A count row as read (<c>null</c>: there was none), with its version.</summary>
    public static KnownCountRow Known(TableEntity? row) => row is null ? KnownCountRow.None : new KnownCountRow(ReadCount(row), row.ETag);

    public static TableEntity ToEntity(string partitionKey, string rowKey, long count) => new(partitionKey, rowKey) { [Count] = count };

    /// <summary>
    /// The transaction action that adds <paramref name="delta"/> to a count row as it was read or last known (without
    /// reading it again): a merge of the count alone, conditional on that version (a row others wrote since fails it), or
    /// an insert when there was no row (a row others inserted since fails it); and the count it writes.
    /// </summary>
    public static (TableTransactionAction Write, long Count) Increment(KnownCountRow known, string partitionKey, string rowKey, long delta)
    {
        var count = known.Count + delta;
        var row = ToEntity(partitionKey, rowKey, count);
        return known.Exists
            ? (new TableTransactionAction(TableTransactionActionType.UpdateMerge, row, known.Version), count)
            : (new TableTransactionAction(TableTransactionActionType.Add, row), count);
    }

    /// <summary>The partition earlier versions kept all of a kind's counts of a tenant in (moved by <see cref="PopulationMigration"/>).</summary>
    public static string UnbucketedPartition(string tenantId, FeatureKind kind) => TableKeyEncoder.Join(tenantId, Pop, kind.Code());

    private static string Bucket(string countedValue)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(countedValue), hash);
        return (hash[0] % Buckets).ToString("x", CultureInfo.InvariantCulture);
    }
}

/// <summary>Where one count is kept: its partition, its counted value, and whether it is one row or spread over shards.</summary>
internal readonly record struct PopulationCountKey(string PartitionKey, string CountedValue, bool SingleRow)
{
    /// <summary>The row an increment writes: the single row, or <paramref name="shard"/>.</summary>
    public string RowKey(int shard) => PopulationTable.RowKey(CountedValue, SingleRow ? PopulationTable.SingleRowShard : shard);
}
