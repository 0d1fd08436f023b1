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
/// the likelihood ratios. A count a crowd shares (a country, a browser, the tenant total) is split over
/// <see cref="Shards"/> rows so that concurrent updates rarely collide, and a read sums one short row range; a value
/// few users share (an address, a device) is one row, read by a point read (<see cref="PopulationTable.IsSingleRow"/>).
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
            reads.Add(ReadInto(PopulationTable.TenantCount(tenantId, PopulationTable.ActionsKey), n => counts.TotalActions = n, cancellationToken));
            reads.Add(ReadInto(PopulationTable.TenantCount(tenantId, PopulationTable.UsersKey), n => counts.TotalUsers = n, cancellationToken));
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
                reads.Add(ReadInto(PopulationTable.FeatureCount(tenantId, kind, PopulationTable.FeatureKey(key)), n => counts.SetValue(kind, n), cancellationToken));
            }

            if (shown && kind.IsRoot())
            {
                reads.Add(ReadInto(PopulationTable.FeatureCount(tenantId, kind, PopulationTable.TotalKey), n => counts.SetTotal(kind, n), cancellationToken));
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
        return Task.WhenAll(CountsOf(tenantId, update).Select(count => IncrementOne(count, shard, cancellationToken)));
    }

    /// <summary>
    /// Adds a batch's gathered increments (<paramref name="delta"/>, emptied) to the tenant population: per partition,
    /// the rows of one shard (and the single rows) are read (point reads, <see cref="ApplyConcurrency"/> at a time) and updated in entity
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
            .GroupBy(count => count.Key.PartitionKey, StringComparer.Ordinal)
            .SelectMany(partition => partition.Chunk(MaxTransactionActions).Select(chunk => (partition.Key, chunk)))
            .ToList();
        await Parallel.ForEachAsync(
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = ApplyConcurrency, CancellationToken = cancellationToken },
            async (chunk, cancel) => await ApplyChunkAsync(chunk.Key, chunk.chunk, shard, cancel).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>The counts one profile-building action adds one to: the tenant totals, each value present and its root's total.</summary>
    internal static IEnumerable<PopulationCountKey> CountsOf(string tenantId, ProfileUpdate update)
    {
        yield return PopulationTable.TenantCount(tenantId, PopulationTable.ActionsKey);
        if (update.IsNewUser)
        {
            yield return PopulationTable.TenantCount(tenantId, PopulationTable.UsersKey);
        }

        foreach (var (kind, key) in update.Present)
        {
            yield return PopulationTable.FeatureCount(tenantId, kind, PopulationTable.FeatureKey(key));
            if (kind.IsRoot())
            {
                yield return PopulationTable.FeatureCount(tenantId, kind, PopulationTable.TotalKey);
            }
        }
    }

    private async Task ReadInto(PopulationCountKey key, Action<long> set, CancellationToken cancellationToken)
    {
        if (!_cache.TryGet(key.PartitionKey, key.CountedValue, out var count))
        {
            count = key.SingleRow ? await ReadSingleRowAsync(key, cancellationToken).ConfigureAwait(false) : await ReadShardsAsync(key, cancellationToken).ConfigureAwait(false);
            _cache.Set(key.PartitionKey, key.CountedValue, count);
        }

        set(count);
    }

    private async Task<long> ReadSingleRowAsync(PopulationCountKey key, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(key.PartitionKey, key.RowKey(PopulationTable.SingleRowShard), PopulationTable.CountProperties, cancellationToken).ConfigureAwait(false);
        return row.HasValue ? PopulationTable.ReadCount(row.Value!) : 0;
    }

    private async Task<long> ReadShardsAsync(PopulationCountKey key, CancellationToken cancellationToken)
    {
        var count = 0L;
        var filter = PopulationTable.ShardsFilter(key.PartitionKey, key.CountedValue);
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, PopulationTable.MaxRowsPerValue, PopulationTable.CountProperties, cancellationToken).ConfigureAwait(false))
        {
            count += PopulationTable.ReadCount(row);
        }

        return count;
    }

    private async Task IncrementOne(PopulationCountKey key, int shard, CancellationToken cancellationToken)
    {
        var rowKey = key.RowKey(shard);
        for (var attempt = 1; ; attempt++)
        {
            var current = await _table.GetEntityIfExistsAsync<TableEntity>(key.PartitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                long count;
                if (current.HasValue)
                {
                    var row = current.Value!;
                    count = PopulationTable.ReadCount(row) + 1;
                    PopulationTable.SetCount(row, count);
                    await _table.UpdateCheckedAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    count = 1;
                    await _table.AddCheckedAsync(PopulationTable.ToEntity(key.PartitionKey, rowKey, count), cancellationToken).ConfigureAwait(false);
                }

                Counted(key, count, 1);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // A concurrent increment of the same row: read its result and add to it.
                await Task.Delay(ConflictBackoff.Delay(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ApplyChunkAsync(string partitionKey, (PopulationCountKey Key, long Delta)[] counts, int shard, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var reads = counts.Select(count => _table.GetEntityIfExistsAsync<TableEntity>(
                partitionKey, count.Key.RowKey(shard), cancellationToken: cancellationToken)).ToList();
            await Task.WhenAll(reads).ConfigureAwait(false);
            var writes = new List<TableTransactionAction>(counts.Length);
            var written = new long[counts.Length];
            for (var i = 0; i < counts.Length; i++)
            {
                var current = await reads[i].ConfigureAwait(false);
                (var write, written[i]) = PopulationTable.Increment(current.HasValue ? current.Value : null, partitionKey, counts[i].Key.RowKey(shard), counts[i].Delta);
                writes.Add(write);
            }

            try
            {
                await _table.SubmitCheckedAsync(writes, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < counts.Length; i++)
                {
                    Counted(counts[i].Key, written[i], counts[i].Delta);
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

    /// <summary>
    /// What this instance scores with next knows its own increments at once, without reading them back: a single row's
    /// write is its whole count, so it is cached as read (a user back on its device within the cache's lifetime reads
    /// nothing); a shard's is part of one, added to the count if it is cached.
    /// </summary>
    private void Counted(PopulationCountKey key, long written, long delta)
    {
        if (key.SingleRow)
        {
            _cache.Set(key.PartitionKey, key.CountedValue, written);
        }
        else
        {
            _cache.AddIfCached(key.PartitionKey, key.CountedValue, delta);
        }
    }

    private static int ShardOf(string actionId) =>
        (int)(BinaryPrimitives.ReadUInt32LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(actionId))) % Shards);
}
