using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Outbox;

/// <summary>
/// The items whose work a stopped process may have left unfinished, so that the relay finishing abandoned work reads
/// only those, never every label or report ever stored. An item enters before it is first written and leaves once its
/// work is finished; an entry whose item is finished, or was never written, is removed by the relay that finds it.
/// </summary>
internal sealed class OutboxIndex
{
    private readonly TableClient _table;

    public OutboxIndex(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(OutboxTable.OutboxTableName);
    }

    /// <summary>
    /// Puts the item in the outbox, or gives the entry already there a new version: every write that leaves its item
    /// owing work changes the entry's ETag, so a finishing write that took the entry's ETag before it was written
    /// (<see cref="RemoveAsync"/>) never removes an entry that a newer owing write has claimed since. Returns the
    /// entry's new ETag.
    /// </summary>
    public async Task<ETag> AddAsync(OutboxKind kind, string tenantId, string itemId, DateTimeOffset addedAt, CancellationToken cancellationToken)
    {
        var response = await _table.UpsertCheckedAsync(OutboxTable.ToEntity(kind, tenantId, itemId, addedAt), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return response.Headers.ETag ?? default;
    }

    /// <summary>The entry's current ETag, or <see langword="null"/> when the item is not in the outbox.</summary>
    public async Task<ETag?> GetETagAsync(OutboxKind kind, string tenantId, string itemId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            OutboxTable.PartitionKey(kind, tenantId), OutboxTable.RowKey(itemId), select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value!.ETag : null;
    }

    /// <summary>
    /// Takes the finished item out if its entry is still at <paramref name="ifMatch"/>, the ETag taken before the
    /// finishing write: an entry changed since belongs to a newer version that owes work again, and stays. Best
    /// effort: an entry left behind (a failed delete, a crash just before) is removed by the relay, which finds its
    /// item finished.
    /// </summary>
    public async Task RemoveAsync(OutboxKind kind, string tenantId, string itemId, ETag ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(OutboxTable.PartitionKey(kind, tenantId), OutboxTable.RowKey(itemId), ifMatch, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Claimed again (412), gone already (404) or not answered: left for the relay.
        }
    }

    /// <summary>
    /// Every item of the kind in the outbox, tenant by tenant: a skip scan (the first row after the previous partition,
    /// one row per query) finds the next partition, then one query reads it.
    /// </summary>
    public async IAsyncEnumerable<OutboxEntry> ListAsync(OutboxKind kind, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = string.Empty;
        while (await NextPartitionAsync(after, cancellationToken).ConfigureAwait(false) is { } next)
        {
            after = next.PartitionKey;
            if (next.GetString("TenantId") is not { Length: > 0 } tenantId || next.PartitionKey != OutboxTable.PartitionKey(kind, tenantId))
            {
                continue;
            }

            var filter = TableFilter.Create($"PartitionKey eq {next.PartitionKey}");
            await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (OutboxTable.FromEntity(entity) is { } entry)
                {
                    yield return entry;
                }
            }
        }
    }

    private async Task<TableEntity?> NextPartitionAsync(string after, CancellationToken cancellationToken)
    {
        var filter = TableFilter.Create($"PartitionKey gt {after}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["PartitionKey", "TenantId"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return entity;
        }

        return null;
    }
}
