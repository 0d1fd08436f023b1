using Azure.Data.Tables;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Rules;

/// <summary>
/// Per-rule hit counters in their own table (partition per tenant, row per rule). Instances add the counts they
/// aggregated in memory with an ETag-checked read-modify-write, so concurrent flushes from several instances
/// add up instead of overwriting each other. Counts of an older revision of a rule are replaced, not added to.
/// </summary>
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
    /// Adds counts of revision <paramref name="delta"/>.<see cref="RuleHitCounts.Revision"/>. Stored counts of an
    /// older revision are replaced; counts for an older revision than the stored one are dropped (they describe a
    /// definition that no longer exists). Returns false if other instances kept winning the race.
    /// </summary>
    public virtual async Task<bool> AddAsync(string tenantId, string ruleId, RuleHitCounts delta, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var partition = RuleHitsTable.PartitionKey(tenantId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(partition, RuleHitsTable.RowKey(ruleId), cancellationToken: cancellationToken);
            var stored = response.HasValue ? RuleHitsTable.FromEntity(response.Value!) : null;
            if (stored is not null && stored.Revision > delta.Revision)
            {
                return true;
            }

            var total = stored is not null && stored.Revision == delta.Revision
                ? stored.Add(delta.ProductionHits, delta.PreviewHits, delta.LastHitAt)
                : delta;
            var entity = RuleHitsTable.ToEntity(partition, ruleId, total);
            try
            {
                if (response.HasValue)
                {
                    await _table.UpdateCheckedAsync(entity, response.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await _table.AddCheckedAsync(entity, cancellationToken);
                }

                return true;
            }
            catch (Azure.RequestFailedException failure) when (failure.Status is 409 or 412)
            {
                // Another instance flushed in between: read again and add to its result.
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
