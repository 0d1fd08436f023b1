using System.Collections.Concurrent;
using Azure.Data.Tables;
using RiskFunctions.Domain.FraudRings;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.FraudRings;

/// <summary>
/// The user graph rings are found in, the rings, and who belongs to which. Maintenance writes all of it (off the
/// trigger-action path); the ring endpoints and label propagation read the rings.
/// </summary>
public class FraudRingRepository
{
    /// <summary>Users read per identifier: one page; an identifier with more is a network the detector ignores anyway.</summary>
    public const int MaxUsersPerEntity = 1000;

    private static readonly string[] UserOnly = ["UserId", "SeenAt"];

    private readonly TableClient _table;

    public FraudRingRepository(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(FraudRingsTable.FraudRingsTableName);
    }

    /// <summary>For mocking.</summary>
    protected FraudRingRepository() => _table = null!;

    /// <summary>Records the edges in both directions (idempotent; one transaction per user for its side).</summary>
    public virtual async Task AddEdgesAsync(string tenantId, IReadOnlyCollection<RingEdge> edges, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var rows = edges.DistinctBy(edge => (edge.UserId, edge.Entity)).Select(edge => FraudRingsTable.ToEdgeEntities(tenantId, edge)).ToList();
        var batches = TableBatches.Of(rows.Select(row => row.EntityOfUser).Concat(rows.Select(row => row.UserOfEntity)));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (batch, token) =>
            await _table.SubmitCheckedAsync(batch.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), token).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>The users seen with the identifier (at most <see cref="MaxUsersPerEntity"/>).</summary>
    public virtual async Task<IReadOnlyList<RingEdge>> UsersOfAsync(string tenantId, LinkEntity entity, CancellationToken cancellationToken = default)
    {
        var edges = new List<RingEdge>();
        var filter = TableFilter.Create($"PartitionKey eq {FraudRingsTable.UsersOf(tenantId, entity)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, MaxUsersPerEntity, UserOnly, cancellationToken).ConfigureAwait(false))
        {
            edges.Add(new RingEdge(row.GetString("UserId") ?? string.Empty, entity, row.GetDateTimeOffset("SeenAt") ?? default));
            if (edges.Count >= MaxUsersPerEntity)
            {
                break;
            }
        }

        return edges;
    }

    /// <summary>The identifiers the user was seen with.</summary>
    public virtual async Task<IReadOnlyList<RingEdge>> EntitiesOfAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        var edges = new List<RingEdge>();
        var filter = TableFilter.Create($"PartitionKey eq {FraudRingsTable.EntitiesOf(tenantId, userId)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (LinkKinds.FromCode(row.GetString("Kind")) is { } kind && row.GetString("Value") is { } value)
            {
                edges.Add(new RingEdge(userId, new LinkEntity(kind, value), row.GetDateTimeOffset("SeenAt") ?? default));
            }
        }

        return edges;
    }

    /// <summary>
    /// Records the users as seen and returns how many users the tenant has been seen with. New users are found with
    /// one query per 14 users (Table storage allows 15 comparisons in a filter), recorded with one transaction per 100,
    /// and added to the count with a conditional write. A run that stops between the two leaves its new users
    /// uncounted for good: the count can only be low, which makes the detector stricter, never looser.
    /// </summary>
    public virtual async Task<long> CountUsersAsync(string tenantId, IEnumerable<string> userIds, CancellationToken cancellationToken = default)
    {
        var partition = FraudRingsTable.SeenUsersPartition(tenantId);
        var users = userIds.Distinct(StringComparer.Ordinal).ToList();
        var known = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(users.Chunk(14), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (chunk, token) =>
        {
            var keys = string.Join(" or ", chunk.Select(user => TableClient.CreateQueryFilter($"RowKey eq {FraudRingsTable.UserRowKey(user)}")));
            var filter = string.Concat(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), " and (", keys, ")");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, chunk.Length, ["RowKey"], token).ConfigureAwait(false))
            {
                known[row.RowKey] = true;
            }
        }).ConfigureAwait(false);

        var added = users.Where(user => !known.ContainsKey(FraudRingsTable.UserRowKey(user))).ToList();
        await Parallel.ForEachAsync(added.Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (chunk, token) =>
            await _table.SubmitCheckedAsync(
                chunk.Select(user => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, FraudRingsTable.UserRowKey(user)))),
                token).ConfigureAwait(false)).ConfigureAwait(false);

        var stats = FraudRingsTable.StatsPartition(tenantId);
        while (true)
        {
            var current = await _table.GetEntityIfExistsAsync<TableEntity>(stats, FraudRingsTable.UserCountRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            var count = current.HasValue ? current.Value!.GetInt64(FraudRingsTable.UserCountProperty) ?? 0 : 0;
            if (added.Count == 0)
            {
                return count;
            }

            var next = new TableEntity(stats, FraudRingsTable.UserCountRowKey) { [FraudRingsTable.UserCountProperty] = count + added.Count };
            try
            {
                if (current.HasValue)
                {
                    await _table.UpdateEntityAsync(next, current.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _table.AddEntityAsync(next, cancellationToken).ConfigureAwait(false);
                }

                return count + added.Count;
            }
            catch (Azure.RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another run counted at the same time: read again.
            }
        }
    }

    /// <summary>The rings the users belong to now (users in none are left out).</summary>
    public virtual async Task<IReadOnlyDictionary<string, RingMembership>> GetMembershipsAsync(string tenantId, IEnumerable<string> userIds, CancellationToken cancellationToken = default)
    {
        var found = new ConcurrentDictionary<string, RingMembership>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(userIds.Distinct(StringComparer.Ordinal), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (user, token) =>
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(FraudRingsTable.MembersPartition(tenantId), FraudRingsTable.UserRowKey(user), cancellationToken: token).ConfigureAwait(false);
            if (row.HasValue)
            {
                found[user] = FraudRingsTable.FromMembershipEntity(row.Value!);
            }
        }).ConfigureAwait(false);
        return found;
    }

    /// <summary>Puts the users in the ring (idempotent).</summary>
    public virtual async Task SetMembershipsAsync(string tenantId, IEnumerable<string> userIds, RingMembership membership, CancellationToken cancellationToken = default)
    {
        var rows = userIds.Distinct(StringComparer.Ordinal).Select(user => FraudRingsTable.ToMembershipEntity(tenantId, user, membership));
        foreach (var batch in rows.Chunk(100))
        {
            await _table.SubmitCheckedAsync(batch.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the ring (unconditionally: maintenance is its only writer and decides from what it read).</summary>
    public virtual Task SaveAsync(StoredRing ring, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ring);
        return _table.UpsertCheckedAsync(FraudRingsTable.ToRingEntity(ring with { ETag = default }), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// The ring as stored (a merged ring too), or null. An id this service never issues is unknown without a read: it
    /// could not be a RowKey here, and characters such as <c>/</c> or <c>#</c> are not allowed in one.
    /// </summary>
    public virtual async Task<StoredRing?> GetAsync(string tenantId, string ringId, CancellationToken cancellationToken = default)
    {
        if (!RingIdentity.IsWellFormed(ringId))
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync<TableEntity>(FraudRingsTable.RingsPartition(tenantId), ringId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? FraudRingsTable.FromRingEntity(tenantId, row.Value!) : null;
    }

    /// <summary>The ring, following a merge to the ring that absorbed it; null for an unknown id.</summary>
    public virtual async Task<StoredRing?> ResolveAsync(string tenantId, string ringId, CancellationToken cancellationToken = default)
    {
        var ring = await GetAsync(tenantId, ringId, cancellationToken).ConfigureAwait(false);
        for (var hops = 0; ring?.MergedInto is { } into && hops < 8; hops++)
        {
            ring = await GetAsync(tenantId, into, cancellationToken).ConfigureAwait(false);
        }

        return ring;
    }

    /// <summary>One page of the tenant's live rings (merged ones left out), in id order, and where the next starts.</summary>
    public virtual async Task<(IReadOnlyList<StoredRing> Rings, string? Continuation)> ListAsync(
        string tenantId, int pageSize, string? after, CancellationToken cancellationToken = default)
    {
        var conditions = new List<string>(2) { TableFilter.Create($"PartitionKey eq {FraudRingsTable.RingsPartition(tenantId)}") };
        if (after is not null)
        {
            conditions.Add(TableFilter.Create($"RowKey gt {after}"));
        }

        var rings = new List<StoredRing>(pageSize);
        await foreach (var row in _table.QueryAsync<TableEntity>(TableFilter.And([.. conditions]), Math.Min(1000, pageSize * 2), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var ring = FraudRingsTable.FromRingEntity(tenantId, row);
            if (ring.MergedInto is not null)
            {
                continue;
            }

            rings.Add(ring);
            if (rings.Count == pageSize)
            {
                return (rings, ring.RingId);
            }
        }

        return (rings, null);
    }
}
