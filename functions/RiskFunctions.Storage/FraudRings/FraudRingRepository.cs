using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using RiskFunctions.Domain.FraudRings;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.FraudRings;

/// <summary>
/// The rings, who belongs to which, and how many users the tenant's graph holds. Maintenance writes all of it (off the
/// trigger-action path); the ring endpoints and label propagation read the rings. The graph itself is <see cref="RingGraph"/>.
/// </summary>
public class FraudRingRepository
{
    /// <summary>Attempts at the user count while overlapping runs keep changing it.</summary>
    private const int MaxCountAttempts = 20;

    private readonly TableClient _table;

    public FraudRingRepository(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(FraudRingsTable.FraudRingsTableName);
    }

    /// <summary>For mocking.</summary>
    protected FraudRingRepository() => _table = null!;

    /// <summary>
    /// Adds <paramref name="added"/> users new to the graph to the tenant's user count and returns the count (a read,
    /// then a write conditional on it). Called once their graph rows are written, so a run that stops in between leaves
    /// them uncounted for good: the count can only be low, which makes the detector stricter, never looser.
    /// </summary>
    public virtual async Task<long> AddUsersAsync(string tenantId, int added, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(added);
        var stats = FraudRingsTable.StatsPartition(tenantId);
        for (var attempt = 1; ; attempt++)
        {
            var current = await _table.GetEntityIfExistsAsync<TableEntity>(stats, FraudRingsTable.UserCountRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            var count = current.HasValue ? current.Value!.GetInt64(FraudRingsTable.UserCountProperty) ?? 0 : 0;
            if (added == 0)
            {
                return count;
            }

            var next = new TableEntity(stats, FraudRingsTable.UserCountRowKey) { [FraudRingsTable.UserCountProperty] = count + added };
            try
            {
                if (current.HasValue)
                {
                    await _table.UpdateCheckedAsync(next, current.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _table.AddCheckedAsync(next, cancellationToken).ConfigureAwait(false);
                }

                return count + added;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another run counted at the same time: read again.
                ConflictBackoff.ThrowIfLastAttempt(ex, attempt, MaxCountAttempts);
                await Task.Delay(ConflictBackoff.Delay(attempt), cancellationToken).ConfigureAwait(false);
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

        // One ring more than the page is read to learn whether another page follows: a full last page then ends the
        // walk instead of sending the client for an empty one.
        var rings = new List<StoredRing>(pageSize + 1);
        await foreach (var row in _table.QueryAsync<TableEntity>(TableFilter.And([.. conditions]), Math.Min(1000, pageSize * 2), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var ring = FraudRingsTable.FromRingEntity(tenantId, row);
            if (ring.MergedInto is not null)
            {
                continue;
            }

            rings.Add(ring);
            if (rings.Count > pageSize)
            {
                return (rings[..pageSize], rings[pageSize - 1].RingId);
            }
        }

        return (rings, null);
    }
}
