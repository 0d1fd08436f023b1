using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Profiles;

/// <summary>
/// Tenant-wide counts of feature values over all users' profile-building actions: the population side of
/// the likelihood ratios. Each count is split over <see cref="Shards"/> rows so that concurrent updates of a
/// popular value (a country, the tenant total) rarely collide; a read sums one short row range.
/// </summary>
/// <remarks>
/// Partition: tenant + feature kind + bucket; row: feature key + shard. Root kinds also count their total under the
/// reserved key <c>~total</c>; the tenant's action and user totals live in the <c>tenant</c> partition.
/// Increments are read-modify-write with ETags (retried on conflict), at least once: an update interrupted
/// between the profile and the population leaves the population one count short, which the frequencies
/// absorb.
/// </remarks>
public class PopulationRepository
{
    public const int Shards = 4;

    /// <summary>Attempts at one increment that keeps colliding with concurrent increments of the same shard.</summary>
    public const int MaxAttempts = 40;

    /// <summary>Concurrent requests of one <see cref="ApplyAsync"/>.</summary>
    public const int ApplyConcurrency = 8;

    private const int MaxTransactionActions = 100;

    private readonly TableClient _table;
    private readonly PopulationCache _cache;

    public PopulationRepository(RiskTables tables, PopulationCache cache)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(PopulationTable.PopulationTableName);
        _cache = cache;
    }

    /// <summary>For mocking.</summary>
    protected PopulationRepository()
    {
        _table = null!;
        _cache = null!;
    }

    /// <summary>
    /// The population counts scoring needs for this action and user: the counts of the values the user has
    /// shown (the profile terms use the population only for those), their roots' totals, and the tenant
    /// totals; and, whether the user has a history or not, the counts of the network values the user has
    /// never shown (<see cref="TenantRarityTerms"/>). All reads go out at once.
    /// </summary>
    public virtual async Task<PopulationCounts> ReadAsync(string tenantId, ActionFeatures features, UserProfile? profile, CancellationToken cancellationToken = default)
    {
        var counts = new PopulationCounts();
        var known = profile is { IsKnown: true };
        var reads = new List<Task>(FeatureKinds.Count + 4);
        if (known)
        {
            reads.Add(ReadInto(PopulationTable.TenantTotalsPartition(tenantId), PopulationTable.ActionsKey, n => counts.TotalActions = n, cancellationToken));
            reads.Add(ReadInto(PopulationTable.TenantTotalsPartition(tenantId), PopulationTable.UsersKey, n => counts.TotalUsers = n, cancellationToken));
        }

        foreach (var kind in FeatureKinds.All)
        {
            if (features[kind] is not { } key)
            {
                continue;
            }

            var shown = known && profile!.TryGet(kind, key, out _);
            if (shown || TenantRarityTerms.Reads(kind, key, known ? profile : null))
            {
                reads.Add(ReadInto(PopulationTable.FeaturePartition(tenantId, kind, PopulationTable.FeatureKey(key)), PopulationTable.FeatureKey(key), n => counts.SetValue(kind, n), cancellationToken));
            }

            if (shown && kind.IsRoot())
            {
                reads.Add(ReadInto(PopulationTable.FeaturePartition(tenantId, kind, PopulationTable.TotalKey), PopulationTable.TotalKey, n => counts.SetTotal(kind, n), cancellationToken));
            }
        }

        await Task.WhenAll(reads).ConfigureAwait(false);
        return counts;
    }

    /// <summary>Adds one profile-building action's values to the tenant population (nothing for an already-applied update).</summary>
    public virtual Task IncrementAsync(string tenantId, ProfileUpdate update, string actionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Applied)
        {
            return Task.CompletedTask;
        }

        var shard = ShardOf(actionId);
        return Task.WhenAll(CountsOf(tenantId, update).Select(count => IncrementOne(count.PartitionKey, count.RowPrefix, shard, cancellationToken)));
    }

    /// <summary>
    /// Adds a batch's gathered increments (<paramref name="delta"/>, emptied) to the tenant population: per partition,
    /// the rows of one shard are read (point reads, <see cref="ApplyConcurrency"/> at a time) and updated in entity
    /// group transactions of up to 100, each conditional on the rows it read; a transaction that lost a race with a
    /// concurrent increment re-reads its rows and is applied again on top.
    /// </summary>
    public virtual async Task ApplyAsync(PopulationDelta delta, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var pending = delta.Drain();
        if (pending.Count == 0)
        {
            return;
        }

        // One shard per batch: another batch, or live increments, most likely land on another one.
        var shard = Random.Shared.Next(Shards);
        var chunks = pending
            .GroupBy(count => count.PartitionKey, StringComparer.Ordinal)
            .SelectMany(partition => partition.Chunk(MaxTransactionActions).Select(chunk => (partition.Key, chunk)))
            .ToList();
        await Parallel.ForEachAsync(
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = ApplyConcurrency, CancellationToken = cancellationToken },
            async (chunk, cancel) => await ApplyChunkAsync(chunk.Key, chunk.chunk, shard, cancel).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>The counts one profile-building action adds one to: the tenant totals, each value present and its root's total.</summary>
    internal static IEnumerable<(string PartitionKey, string RowPrefix)> CountsOf(string tenantId, ProfileUpdate update)
    {
        yield return (PopulationTable.TenantTotalsPartition(tenantId), PopulationTable.ActionsKey);
        if (update.IsNewUser)
        {
            yield return (PopulationTable.TenantTotalsPartition(tenantId), PopulationTable.UsersKey);
        }

        foreach (var (kind, key) in update.Present)
        {
            yield return (PopulationTable.FeaturePartition(tenantId, kind, PopulationTable.FeatureKey(key)), PopulationTable.FeatureKey(key));
            if (kind.IsRoot())
            {
                yield return (PopulationTable.FeaturePartition(tenantId, kind, PopulationTable.TotalKey), PopulationTable.TotalKey);
            }
        }
    }

    private async Task ReadInto(string partitionKey, string rowPrefix, Action<long> set, CancellationToken cancellationToken)
    {
        if (!_cache.TryGet(partitionKey, rowPrefix, out var count))
        {
            var filter = PopulationTable.ShardsFilter(partitionKey, rowPrefix);
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, PopulationTable.MaxRowsPerValue, PopulationTable.CountProperties, cancellationToken).ConfigureAwait(false))
            {
                count += PopulationTable.ReadCount(row);
            }

            _cache.Set(partitionKey, rowPrefix, count);
        }

        set(count);
    }

    private async Task IncrementOne(string partitionKey, string rowPrefix, int shard, CancellationToken cancellationToken)
    {
        var rowKey = PopulationTable.RowKey(rowPrefix, shard);
        for (var attempt = 1; ; attempt++)
        {
            var current = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                if (current.HasValue)
                {
                    var row = current.Value!;
                    PopulationTable.SetCount(row, PopulationTable.ReadCount(row) + 1);
                    await _table.UpdateCheckedAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _table.AddCheckedAsync(PopulationTable.ToEntity(partitionKey, rowKey, 1), cancellationToken).ConfigureAwait(false);
                }

                _cache.AddIfCached(partitionKey, rowPrefix, 1);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // A concurrent increment of the same shard: read its result and add to it.
                await Task.Delay(ConflictBackoff.Delay(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ApplyChunkAsync(string partitionKey, (string PartitionKey, string RowPrefix, long Delta)[] counts, int shard, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var reads = counts.Select(count => _table.GetEntityIfExistsAsync<TableEntity>(
                partitionKey, PopulationTable.RowKey(count.RowPrefix, shard), cancellationToken: cancellationToken)).ToList();
            await Task.WhenAll(reads).ConfigureAwait(false);
            var writes = new List<TableTransactionAction>(counts.Length);
            for (var i = 0; i < counts.Length; i++)
            {
                var current = await reads[i].ConfigureAwait(false);
                if (current.HasValue)
                {
                    var row = current.Value!;
                    PopulationTable.SetCount(row, PopulationTable.ReadCount(row) + counts[i].Delta);
                    writes.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag));
                }
                else
                {
                    writes.Add(new TableTransactionAction(
                        TableTransactionActionType.Add, PopulationTable.ToEntity(partitionKey, PopulationTable.RowKey(counts[i].RowPrefix, shard), counts[i].Delta)));
                }
            }

            try
            {
                await _table.SubmitCheckedAsync(writes, cancellationToken).ConfigureAwait(false);
                foreach (var count in counts)
                {
                    // What this instance scores with next counts its own import at once, without reading it back.
                    _cache.AddIfCached(partitionKey, count.RowPrefix, count.Delta);
                }

                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412 && attempt < MaxAttempts)
            {
                // A concurrent increment of one of these rows: read them again and add on top.
                await Task.Delay(ConflictBackoff.Delay(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static int ShardOf(string actionId) =>
        (int)(BinaryPrimitives.ReadUInt32LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(actionId))) % Shards);
}
