using Azure;
using Azure.Data.Tables;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Idempotency;

/// <summary>
/// Idempotency keys for POST endpoints. The first request with a key claims it (a pending row with a lease),
/// runs, and stores its answer; later requests with the same key and the same body get that answer back; a
/// different body under the same key is refused. A request that failed releases the key, and one that
/// crashed is taken over once its lease expires. Keys are kept for <see cref="Retention"/>.
/// </summary>
/// <remarks>
/// The store makes answers repeatable; the operation itself must also make its effect repeatable for the
/// crash case (trigger-action derives its action token from the key, so a re-run finds its own action).
/// </remarks>
public class IdempotencyStore
{
    /// <summary>How long a claimed key stays reserved for a request that has not finished. Default 30 seconds.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    /// <summary>How long a key and its answer are kept. Default 24 hours.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly TableClient _table;

    public IdempotencyStore(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(IdempotencyTable.IdempotencyTableName);
    }

    /// <summary>For mocking.</summary>
    protected IdempotencyStore() => _table = null!;

    /// <summary>Claims <paramref name="key"/> for a request whose content hashes to <paramref name="requestHash"/>.</summary>
    public virtual async Task<IdempotencyClaim> ClaimAsync(
        string tenantId, string operation, string key, string requestHash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestHash);
        var partitionKey = IdempotencyTable.PartitionKey(tenantId, operation, key);
        while (true)
        {
            var pending = IdempotencyTable.ToPendingEntity(partitionKey, requestHash, now, now + Lease, now + Retention);
            try
            {
                var added = await _table.AddCheckedAsync(pending, cancellationToken).ConfigureAwait(false);
                return new IdempotencyClaim(IdempotencyOutcome.Acquired, null, partitionKey, added.Headers.ETag ?? default);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Someone holds or held the key: decide on what they left.
            }

            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, IdempotencyTable.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!existing.HasValue)
            {
                continue;
            }

            var row = existing.Value!;
            var expired = IdempotencyTable.ExpiresAt(row) <= now;
            if (!expired)
            {
                if (!string.Equals(IdempotencyTable.RequestHash(row), requestHash, StringComparison.Ordinal))
                {
                    return new IdempotencyClaim(IdempotencyOutcome.KeyReused, null, partitionKey, row.ETag);
                }

                if (IdempotencyTable.ReadResponse(row) is { } response)
                {
                    return new IdempotencyClaim(IdempotencyOutcome.Replay, response, partitionKey, row.ETag);
                }

                if (IdempotencyTable.LeaseUntil(row) > now)
                {
                    return new IdempotencyClaim(IdempotencyOutcome.InProgress, null, partitionKey, row.ETag);
                }
            }

            // An expired key, or a request that never finished: take it over, unless someone else just did.
            try
            {
                var replaced = await _table.UpdateCheckedAsync(pending, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return new IdempotencyClaim(IdempotencyOutcome.Acquired, null, partitionKey, replaced.Headers.ETag ?? default);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Lost the race for the takeover: look again.
            }
        }
    }

    /// <summary>Stores the answer of an acquired claim. A claim taken over meanwhile (its lease expired) is left to its new owner.</summary>
    public virtual async Task CompleteAsync(IdempotencyClaim claim, string requestHash, IdempotentResponse response, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(response);
        var row = IdempotencyTable.ToDoneEntity(claim.PartitionKey, requestHash, response, now + Retention);
        try
        {
            await _table.UpdateCheckedAsync(row, claim.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Taken over by a retry after our lease expired; its answer will be stored instead.
        }
    }

    /// <summary>Gives the key up after a failure, so that a retry runs the request again.</summary>
    public virtual async Task ReleaseAsync(IdempotencyClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        try
        {
            await _table.DeleteEntityAsync(claim.PartitionKey, IdempotencyTable.RowKey, claim.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Already gone or taken over.
        }
    }
}
