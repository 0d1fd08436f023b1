using Azure.Data.Tables;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Rules;

/// <summary>
/// Per-rule hit counters in their own table (partition per tenant, row per rule). Instances add the counts they
/// aggregated in memory with an ETag-checked read-modify-write, so concurrent flushes from several instances
/// add up instead of overwriting each other. Counts of an older revision of a rule are replaced, not added to.
/// </summary>
/// <remarks>
/// Each batch is added once, however often it is sent: a write can be applied and its answer lost (a timeout, a
/// dropped connection, a retry that then finds the row changed by its own first attempt), and its sender then sends
/// the same batch again. The row remembers the last batch of each writer (<see cref="RuleHitFlushMarks"/>), so that
/// the repeat is recognized and acknowledged without adding it again.
/// </remarks>
public class RuleHitStore
{
    /// <summary>Logical name of the hit counter table (<see cref="RuleHitsTable"/> owns it).</summary>
    public const string TableName = RuleHitsTable.RuleHitsTableName;

    private const int MaxAttempts = 10;

    private readonly TableClient _table;

    public RuleHitStore(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(RuleHitsTable.RuleHitsTableName);
    }

    /// <summary>For mocking.</summary>
    protected RuleHitStore()
    {
        _table = null!;
    }

    /// <summary>The stored counts of a rule, or <see langword="null"/> when none were ever flushed.</summary>
    public virtual async Task<RuleHitCounts?> GetAsync(string tenantId, string ruleId, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(RuleHitsTable.PartitionKey(tenantId), RuleHitsTable.RowKey(ruleId), cancellationToken: cancellationToken);
        return response.HasValue ? RuleHitsTable.FromEntity(response.Value!) : null;
    }

    /// <summary>
    /// Adds <paramref name="flush"/>'s counts, of revision <see cref="RuleHitCounts.Revision"/>, unless the row already
    /// holds that batch. Stored counts of an older revision are replaced; counts for an older revision than the stored
    /// one are dropped (they describe a definition that no longer exists). Returns true once the batch is added or
    /// dropped, false if other instances kept winning the race (then send the same batch again later).
    /// </summary>
    public virtual async Task<bool> AddAsync(string tenantId, string ruleId, RuleHitFlush flush, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flush);
        var delta = flush.Counts;
        var partition = RuleHitsTable.PartitionKey(tenantId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(partition, RuleHitsTable.RowKey(ruleId), cancellationToken: cancellationToken);
            var row = response.HasValue ? response.Value : null;
            if (row is not null && RuleHitFlushMarks.Holds(row, flush))
            {
                return true;
            }

            var stored = row is null ? null : RuleHitsTable.FromEntity(row);
            if (stored is not null && stored.Revision > delta.Revision)
            {
                return true;
            }

            var total = stored is not null && stored.Revision == delta.Revision
                ? stored.Add(delta.ProductionHits, delta.PreviewHits, delta.LastHitAt)
                : delta;
            var entity = RuleHitsTable.ToEntity(partition, ruleId, total, row, flush);
            try
            {
                if (row is not null)
                {
                    await _table.UpdateCheckedAsync(entity, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await _table.AddCheckedAsync(entity, cancellationToken);
                }

                return true;
            }
            catch (Azure.RequestFailedException failure) when (failure.Status is 409 or 412)
            {
                // Another instance flushed in between, or this batch's own earlier attempt did: read again.
            }
        }

        return false;
    }

    /// <summary>Forgets a deleted rule's counts.</summary>
    public virtual async Task DeleteAsync(string tenantId, string ruleId, CancellationToken cancellationToken = default)
    {
        await _table.DeleteEntityAsync(RuleHitsTable.PartitionKey(tenantId), RuleHitsTable.RowKey(ruleId), cancellationToken: cancellationToken);
    }
}
