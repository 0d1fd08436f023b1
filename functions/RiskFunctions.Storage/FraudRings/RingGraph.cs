using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using RiskFunctions.Domain.FraudRings;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.FraudRings;

/// <summary>
/// The user graph rings are found in: per identifier one row listing who used it, per user one row listing what they
/// used (<see cref="FraudRingsTable.AdjacencyRowKey"/>), each edge with when it was last seen. Reading either is one
/// point read. Recording a maintenance run's edges reads each row they touch once and writes only the rows they
/// change, each write conditional on the version read, so runs that overlap never lose an edge.
/// </summary>
public class RingGraph
{
    /// <summary>Edges one row keeps; an identifier with more users is a network to the detector long before this.</summary>
    public const int MaxEdgesPerRow = 1000;

    /// <summary>Attempts at a row whose version keeps changing under an overlapping run.</summary>
    public const int MaxWriteAttempts = 20;

    /// <summary>Rows read and written at once, as the maintenance's other parallel reads.</summary>
    public const int Concurrency = 16;

    /// <summary>
    /// How far a stored last-seen time may lag: an edge seen again is written only once its time has moved on by this
    /// much, so the actions of a returning user rewrite nothing. The run that sees the edge uses its exact time.
    /// </summary>
    public static readonly TimeSpan SeenAtResolution = TimeSpan.FromHours(1);

    private readonly TableClient _table;

    /// <summary>Per tenant, whether its graph has edge rows of the earlier layout; it never gains any, so this is kept.</summary>
    private readonly ConcurrentDictionary<string, bool> _legacyTenants = new(StringComparer.Ordinal);

    public RingGraph(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(FraudRingsTable.FraudRingsTableName);
    }

    /// <summary>For mocking.</summary>
    protected RingGraph() => _table = null!;

    /// <summary>Records the edges on both sides and returns the rows they touched as they are after them.</summary>
    public virtual async Task<RingGraphUpdate> RecordAsync(string tenantId, IReadOnlyCollection<RingEdge> edges, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var legacy = await HasLegacyEdgesAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var rows = edges.GroupBy(edge => edge.Entity).Select(group => (Side: RingGraphSide.UsersOfEntity, Seen: group.ToList()))
            .Concat(edges.GroupBy(edge => edge.UserId, StringComparer.Ordinal).Select(group => (Side: RingGraphSide.EntitiesOfUser, Seen: group.ToList())))
            .ToList();
        var recorded = new RecordedRow[rows.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, rows.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, token) => recorded[i] = await RecordRowAsync(tenantId, rows[i].Side, rows[i].Seen, legacy, token).ConfigureAwait(false)).ConfigureAwait(false);

        var usersOf = new Dictionary<LinkEntity, IReadOnlyList<RingEdge>>();
        var entitiesOf = new Dictionary<string, IReadOnlyList<RingEdge>>(StringComparer.Ordinal);
        var newUsers = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Side == RingGraphSide.UsersOfEntity)
            {
                usersOf[rows[i].Seen[0].Entity] = recorded[i].Edges;
                continue;
            }

            entitiesOf[rows[i].Seen[0].UserId] = recorded[i].Edges;
            newUsers += recorded[i].IsNew ? 1 : 0;
        }

        return new RingGraphUpdate(usersOf, entitiesOf, newUsers);
    }

    /// <summary>The users seen with the identifier (at most <see cref="MaxEdgesPerRow"/>).</summary>
    public virtual async Task<IReadOnlyList<RingEdge>> UsersOfAsync(string tenantId, LinkEntity entity, CancellationToken cancellationToken = default)
    {
        var legacy = await HasLegacyEdgesAsync(tenantId, cancellationToken).ConfigureAwait(false);
        return (await LoadAsync(tenantId, RingGraphSide.UsersOfEntity, new RingEdge(string.Empty, entity, default), legacy, cancellationToken).ConfigureAwait(false)).Edges;
    }

    /// <summary>The identifiers the user was seen with (at most <see cref="MaxEdgesPerRow"/>).</summary>
    public virtual async Task<IReadOnlyList<RingEdge>> EntitiesOfAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        var legacy = await HasLegacyEdgesAsync(tenantId, cancellationToken).ConfigureAwait(false);
        return (await LoadAsync(tenantId, RingGraphSide.EntitiesOfUser, new RingEdge(userId, default, default), legacy, cancellationToken).ConfigureAwait(false)).Edges;
    }

    private async Task<RecordedRow> RecordRowAsync(string tenantId, RingGraphSide side, List<RingEdge> seen, bool legacy, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await LoadAsync(tenantId, side, seen[0], legacy, cancellationToken).ConfigureAwait(false);
            var (edges, changed) = Merge(side, stored.Edges, seen);

            // A row of the earlier layout is written in this one even unchanged, so that from now on it is one point read.
            if (!changed && (stored.ETag != default || !stored.Exists))
            {
                return new RecordedRow(edges, IsNew: false);
            }

            var row = new TableEntity(side.PartitionKey(tenantId, seen[0]), FraudRingsTable.AdjacencyRowKey) { [FraudRingsTable.EdgeCountProperty] = edges.Count };
            BinaryChunks.Write(row, FraudRingsTable.EdgesProperty, side.Encode(edges));
            try
            {
                if (stored.ETag == default)
                {
                    await _table.AddCheckedAsync(row, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _table.UpdateCheckedAsync(row, stored.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                return new RecordedRow(edges, IsNew: !stored.Exists);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                // An overlapping run wrote the row first: merge into what it wrote.
                ConflictBackoff.ThrowIfLastAttempt(ex, attempt, MaxWriteAttempts);
                await Task.Delay(ConflictBackoff.Delay(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The stored edges with the seen ones added (while the row has room) and their last-seen times moved on; changed
    /// when an edge was added or a stored time is at least <see cref="SeenAtResolution"/> behind.
    /// </summary>
    private static (IReadOnlyList<RingEdge> Edges, bool Changed) Merge(RingGraphSide side, IReadOnlyList<RingEdge> stored, List<RingEdge> seen)
    {
        var edges = new List<RingEdge>(stored);
        var position = new Dictionary<string, int>(edges.Count, StringComparer.Ordinal);
        for (var i = 0; i < edges.Count; i++)
        {
            position[side.OtherEnd(edges[i])] = i;
        }

        var size = 1 + edges.Sum(side.EncodedSize);
        var changed = false;
        foreach (var edge in seen.GroupBy(side.OtherEnd, StringComparer.Ordinal).Select(group => group.MaxBy(edge => edge.SeenAt)))
        {
            if (position.TryGetValue(side.OtherEnd(edge), out var i))
            {
                if (edge.SeenAt > edges[i].SeenAt)
                {
                    changed |= edge.SeenAt - edges[i].SeenAt >= SeenAtResolution;
                    edges[i] = edges[i] with { SeenAt = edge.SeenAt };
                }
            }
            else if (edges.Count < MaxEdgesPerRow && size + side.EncodedSize(edge) <= BinaryChunks.MaxBytes)
            {
                position[side.OtherEnd(edge)] = edges.Count;
                edges.Add(edge);
                size += side.EncodedSize(edge);
                changed = true;
            }
        }

        return (edges, changed);
    }

    private async Task<StoredRow> LoadAsync(string tenantId, RingGraphSide side, RingEdge anyOfTheRow, bool legacy, CancellationToken cancellationToken)
    {
        var partitionKey = side.PartitionKey(tenantId, anyOfTheRow);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, FraudRingsTable.AdjacencyRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (row.HasValue)
        {
            var payload = BinaryChunks.Read(row.Value!, FraudRingsTable.EdgesProperty)
                ?? throw new InvalidDataException($"The ring graph row of partition {partitionKey} has no edges.");
            return new StoredRow(side.Decode(anyOfTheRow, payload), row.Value!.ETag, Exists: true);
        }

        if (!legacy)
        {
            return new StoredRow([], default, Exists: false);
        }

        // Written by an earlier version, one row per edge: read them (one page); the next write keeps them in this row.
        var edges = new List<RingEdge>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableFilter.Create($"PartitionKey eq {partitionKey}"), MaxEdgesPerRow, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (side.FromLegacyRow(anyOfTheRow, entity) is { } edge)
            {
                edges.Add(edge);
            }

            if (edges.Count >= MaxEdgesPerRow)
            {
                break;
            }
        }

        return new StoredRow(edges, default, Exists: edges.Count > 0);
    }

    /// <summary>
    /// Whether the tenant's graph has edge rows of the earlier layout, decided once per tenant before the first row of
    /// this layout is written (a marker row), so that a tenant that never had any reads no more than its point reads.
    /// </summary>
    private async ValueTask<bool> HasLegacyEdgesAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (_legacyTenants.TryGetValue(tenantId, out var known))
        {
            return known;
        }

        var partitionKey = FraudRingsTable.StatsPartition(tenantId);
        var marker = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, FraudRingsTable.GraphLayoutRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        var legacy = marker.HasValue
            ? marker.Value!.GetBoolean(FraudRingsTable.LegacyEdgesProperty) ?? true
            : await DecideLegacyAsync(tenantId, partitionKey, cancellationToken).ConfigureAwait(false);
        _legacyTenants[tenantId] = legacy;
        return legacy;
    }

    private async Task<bool> DecideLegacyAsync(string tenantId, string partitionKey, CancellationToken cancellationToken)
    {
        var legacy = false;
        foreach (var prefix in FraudRingsTable.GraphPartitionPrefixes(tenantId))
        {
            await foreach (var _ in _table.QueryAsync<TableEntity>(TableFilter.PrefixRange("PartitionKey", prefix), 1, ["RowKey"], cancellationToken).ConfigureAwait(false))
            {
                legacy = true;
                break;
            }
        }

        try
        {
            await _table.AddCheckedAsync(new TableEntity(partitionKey, FraudRingsTable.GraphLayoutRowKey) { [FraudRingsTable.LegacyEdgesProperty] = legacy }, cancellationToken)
                .ConfigureAwait(false);
            return legacy;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // An overlapping run decided first (and may have written rows of this layout since): its answer stands.
            var marker = await _table.GetEntityAsync<TableEntity>(partitionKey, FraudRingsTable.GraphLayoutRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            return marker.Value.GetBoolean(FraudRingsTable.LegacyEdgesProperty) ?? true;
        }
    }

    private sealed record StoredRow(IReadOnlyList<RingEdge> Edges, ETag ETag, bool Exists);

    private sealed record RecordedRow(IReadOnlyList<RingEdge> Edges, bool IsNew);
}
