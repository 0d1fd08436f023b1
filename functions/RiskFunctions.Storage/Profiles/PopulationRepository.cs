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
/// Increments are gathered in memory and written together (<see cref="PopulationDelta"/>), conditional on ETags
/// (applied again on top after a conflict), at most once: an update interrupted between the profile and the
/// population, a process that dies before its next <see cref="FlushAsync"/> or a write that fails leaves the
/// population a few counts short, which the frequencies absorb; a count is never added twice.
/// </remarks>
public class PopulationRepository
{
    public const int Shards = 4;

    /// <summary>Attempts at one transaction of counts that keeps colliding with concurrent writes of the same rows.</summary>
    public const int MaxAttempts = 40;

    /// <summary>Concurrent requests of one <see cref="ApplyAsync"/>.</summary>
    public const int ApplyConcurrency = 8;

    private const int MaxTransactionActions = 100;

    private readonly TableClient _table;
    private readonly PopulationCache _cache;

    /// <summary>The live results' increments, written by <see cref="FlushAsync"/>.</summary>
    private readonly PopulationDelta _unwritten = new();

    // Never disposed, as RuleHitFlusher's: a final flush may run while the container disposes its singletons.
    private readonly SemaphoreSlim _flushing = new(1, 1);

    /// <summary>The shard of the next <see cref="ApplyAsync"/>: each write moves to the next, from a random start per instance.</summary>
    private int _shardRotation = Random.Shared.Next(Shards);

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
    public Task<PopulationCounts> ReadAsync(string tenantId, ActionFeatures features, UserProfile? profile, CancellationToken cancellationToken = default) =>
        ReadAsync(tenantId, features, Task.FromResult(profile), cancellationToken);

    /// <summary>
    /// The counts of <see cref="ReadAsync(string, ActionFeatures, UserProfile?, CancellationToken)"/>, read while the
    /// user's <paramref name="profile"/> is still being read. What does not depend on it goes out at once: the network
    /// values' counts (every user needs them, <see cref="TenantRarityTerms"/> when the user has not shown the value,
    /// the profile terms when it has) and every count a crowd shares that the cache does not hold (a returning user
    /// needs those of the values it has shown; for a new user they go unused, but a crowd's count is missing from the
    /// cache once per instance every few minutes, not once per action). Only a device's, fingerprint's or public key's
    /// count, one row per value and needed only when the profile knows the value, waits for the profile.
    /// </summary>
    public virtual async Task<PopulationCounts> ReadAsync(
        string tenantId, ActionFeatures features, Task<UserProfile?> profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var early = new Dictionary<PopulationCountKey, Task<long>>();
        foreach (var (key, _) in Needed(tenantId, features, profile: null, everyValueShown: true))
        {
            if (!key.Count.SingleRow || key.EveryUser)
            {
                early.TryAdd(key.Count, CountAsync(key.Count, cancellationToken));
            }
        }

        UserProfile? known;
        try
        {
            known = await profile.ConfigureAwait(false);
        }
        catch
        {
            ObserveFailures(early.Values);
            throw;
        }

        var counts = new PopulationCounts();
        var reads = new List<Task>(early.Count);
        foreach (var (key, set) in Needed(tenantId, features, known, everyValueShown: false))
        {
            var reading = early.Remove(key.Count, out var started) ? started : CountAsync(key.Count, cancellationToken);
            reads.Add(SetAsync(reading, key.Count, counts, set));
        }

        // Started for a profile that turned out not to show the value: cached when they land, their failures not the caller's.
        ObserveFailures(early.Values);
        await Task.WhenAll(reads).ConfigureAwait(false);
        return counts;
    }

    /// <summary>
    /// Counts one profile-building action's values in the tenant population (nothing for an already-applied update):
    /// gathered in memory and written by the next <see cref="FlushAsync"/> with every other increment since the last one,
    /// so that a crowd's count (the tenant's totals, a country) takes one write per flush, not a read and a conditional
    /// write per result. This instance's reads include the counts at once.
    /// </summary>
    public virtual void Increment(string tenantId, ProfileUpdate update) => _unwritten.Add(tenantId, update);

    /// <summary>
    /// Writes what <see cref="Increment"/> gathered since the last flush (<see cref="ApplyAsync"/>); one flush at a time.
    /// A write that fails is not repeated (it may have been applied), so its counts are lost, never doubled.
    /// </summary>
    /// <returns>How many distinct counts it wrote.</returns>
    public virtual async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ApplyAsync(_unwritten, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <summary>
    /// Adds gathered increments (<paramref name="delta"/>, emptied) to the tenant population: per partition, the rows of
    /// one shard are read (point reads, <see cref="ApplyConcurrency"/> at a time) and the single rows taken as this
    /// instance last knew them, then all are updated in entity group transactions of up to 100, each conditional on the
    /// rows' versions; a transaction that lost a race with a concurrent increment re-reads its rows and is applied again
    /// on top.
    /// </summary>
    /// <returns>How many distinct counts it wrote.</returns>
    public virtual async Task<int> ApplyAsync(PopulationDelta delta, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var pending = delta.Drain();
        if (pending.Count == 0)
        {
            return 0;
        }

        // One shard per write, the next one each time: another batch, another flush or another instance most likely
        // writes to another one.
        var shard = (int)((uint)Interlocked.Increment(ref _shardRotation) % Shards);
        var chunks = pending
            .GroupBy(count => count.Key.PartitionKey, StringComparer.Ordinal)
            .SelectMany(partition => partition.Chunk(MaxTransactionActions).Select(chunk => (partition.Key, chunk)))
            .ToList();
        var over = new bool[chunks.Count];
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, chunks.Count),
                new ParallelOptions { MaxDegreeOfParallelism = ApplyConcurrency, CancellationToken = cancellationToken },
                async (index, cancel) =>
                {
                    try
                    {
                        await ApplyChunkAsync(chunks[index].Key, chunks[index].chunk, shard, cancel).ConfigureAwait(false);
                    }
                    finally
                    {
                        // Written (and cached as such by now), or failed: no longer added to this instance's reads.
                        delta.Settled(chunks[index].chunk);
                        over[index] = true;
                    }
                }).ConfigureAwait(false);
        }
        finally
        {
            // A failure stops the chunks not yet started; they are given up too (ForEachAsync has awaited the others).
            delta.Settled(chunks.Where((_, index) => !over[index]).SelectMany(chunk => chunk.chunk));
        }

        return pending.Count;
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

    /// <summary>
    /// The counts scoring needs, each with where it goes: for <paramref name="everyValueShown"/>, those of a user whose
    /// profile shows every value of the action (a superset of any user's).
    /// </summary>
    private static IEnumerable<(NeededCount Key, Action<PopulationCounts, long> Set)> Needed(
        string tenantId, ActionFeatures features, UserProfile? profile, bool everyValueShown)
    {
        var known = everyValueShown || profile is { IsKnown: true };
        if (known)
        {
            yield return (new(PopulationTable.TenantCount(tenantId, PopulationTable.ActionsKey), EveryUser: false), static (counts, n) => counts.TotalActions = n);
            yield return (new(PopulationTable.TenantCount(tenantId, PopulationTable.UsersKey), EveryUser: false), static (counts, n) => counts.TotalUsers = n);
        }

        foreach (var kind in FeatureKinds.All)
        {
            if (features[kind] is not { } key)
            {
                continue;
            }

            // A value the rarity term reads for a user without history is read for every user: the profile terms read it when shown.
            var everyUser = TenantRarityTerms.Reads(kind, key, profile: null);
            var shown = everyValueShown || (known && profile!.TryGet(kind, key, out _));
            if (shown || TenantRarityTerms.Reads(kind, key, known ? profile : null))
            {
                yield return (new(PopulationTable.FeatureCount(tenantId, kind, PopulationTable.FeatureKey(key)), everyUser), (counts, n) => counts.SetValue(kind, n));
            }

            if (shown && kind.IsRoot())
            {
                yield return (new(PopulationTable.FeatureCount(tenantId, kind, PopulationTable.TotalKey), EveryUser: false), (counts, n) => counts.SetTotal(kind, n));
            }
        }
    }

    /// <summary>The stored count: the cached one, else read (and cached).</summary>
    private async Task<long> CountAsync(PopulationCountKey key, CancellationToken cancellationToken)
    {
        if (_cache.TryGet(key.PartitionKey, key.CountedValue, out var count))
        {
            return count;
        }

        if (key.SingleRow)
        {
            var row = await ReadRowAsync(key.PartitionKey, key.RowKey(PopulationTable.SingleRowShard), cancellationToken).ConfigureAwait(false);
            _cache.SetRow(key.PartitionKey, key.CountedValue, row);
            return row.Count;
        }

        count = await ReadShardsAsync(key, cancellationToken).ConfigureAwait(false);
        _cache.Set(key.PartitionKey, key.CountedValue, count);
        return count;
    }

    private async Task SetAsync(Task<long> reading, PopulationCountKey key, PopulationCounts counts, Action<PopulationCounts, long> set)
    {
        var stored = await reading.ConfigureAwait(false);

        // Not cached with it: the cache holds what storage has, plus what this instance wrote there since.
        set(counts, stored + _unwritten.Unwritten(key));
    }

    private static void ObserveFailures(IEnumerable<Task<long>> reads)
    {
        foreach (var read in reads)
        {
            read.Abandon();
        }
    }

    private async Task<KnownCountRow> ReadRowAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, PopulationTable.CountProperties, cancellationToken).ConfigureAwait(false);
        return PopulationTable.Known(row.HasValue ? row.Value : null);
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

    /// <remarks>
    /// The first attempt reads only the shard rows: a single row is written at the version this instance knows it at, or
    /// inserted when it knows none (a batch's addresses, devices and fingerprints are mostly new values). A transaction
    /// that fails for a row someone else wrote reads every row of the chunk and is applied again on top.
    /// </remarks>
    private async Task ApplyChunkAsync(string partitionKey, (PopulationCountKey Key, long Delta)[] counts, int shard, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var optimistic = attempt == 1;
            var unread = optimistic && counts.Any(count => count.Key.SingleRow);
            var rows = counts.Select(count => optimistic && count.Key.SingleRow
                ? Task.FromResult(KnownSingleRow(count.Key, out var known) ? known : KnownCountRow.None)
                : ReadRowAsync(partitionKey, count.Key.RowKey(shard), cancellationToken)).ToList();
            await Task.WhenAll(rows).ConfigureAwait(false);
            var writes = new List<TableTransactionAction>(counts.Length);
            var written = new long[counts.Length];
            for (var i = 0; i < counts.Length; i++)
            {
                (var write, written[i]) = PopulationTable.Increment(await rows[i].ConfigureAwait(false), partitionKey, counts[i].Key.RowKey(shard), counts[i].Delta);
                writes.Add(write);
            }

            try
            {
                var responses = (await _table.SubmitCheckedAsync(writes, cancellationToken).ConfigureAwait(false)).Value;
                for (var i = 0; i < counts.Length; i++)
                {
                    Counted(counts[i].Key, written[i], counts[i].Delta, i < responses.Count ? responses[i].Headers.ETag : null);
                }

                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                ConflictBackoff.ThrowIfLastAttempt(ex, attempt, MaxAttempts);

                // A row someone else wrote (after this instance knew it, or concurrently): read them again and add on top.
                // Only a race calls for a pause; a chunk that wrote rows it had not read reads them at once.
                if (!unread)
                {
                    await Task.Delay(ConflictBackoff.Delay(attempt), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private bool KnownSingleRow(PopulationCountKey key, out KnownCountRow row)
    {
        row = KnownCountRow.None;
        return key.SingleRow && _cache.TryGetRow(key.PartitionKey, key.CountedValue, out row);
    }

    /// <summary>
    /// What this instance scores with next knows its own increments at once, without reading them back: a single row's
    /// write is its whole count, so it is cached as read, with the version written (a user back on its device within the
    /// cache's lifetime reads nothing, and its next increment writes at once); a shard's is part of one, added to the count
    /// if it is cached.
    /// </summary>
    private void Counted(PopulationCountKey key, long written, long delta, ETag? version)
    {
        if (!key.SingleRow)
        {
            _cache.AddIfCached(key.PartitionKey, key.CountedValue, delta);
        }
        else if (version is { } known && known != default)
        {
            _cache.SetRow(key.PartitionKey, key.CountedValue, new KnownCountRow(written, known));
        }
        else
        {
            _cache.Set(key.PartitionKey, key.CountedValue, written);
        }
    }

    /// <summary>A count scoring needs; <paramref name="EveryUser"/>: whatever the user's profile holds.</summary>
    private readonly record struct NeededCount(PopulationCountKey Count, bool EveryUser);
}
