using Azure;
using Azure.Data.Tables;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Profiles;

/// <summary>
/// Moves the feature counts earlier versions kept in one partition per kind and tenant into the bucketed partitions
/// (<see cref="PopulationTable.FeaturePartition"/>), in one pass over the population table: each row is written to its
/// value's bucket as a row of its own (<see cref="PopulationTable.MovedRowKey"/>, read with the value's shards), then
/// deleted, conditional on the version read. Idempotent and resumable by running it again: the moved row is replaced,
/// not added to, so a run that stopped between the write and the delete counts nothing twice; a row incremented
/// meanwhile (an instance of an earlier version still running) keeps its place and is moved by the next run.
/// </summary>
public sealed class PopulationMigration
{
    private readonly TableClient _table;

    public PopulationMigration(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(PopulationTable.PopulationTableName);
    }

    /// <summary>Runs the pass; <paramref name="progress"/> hears the running totals after each page.</summary>
    public async Task<PopulationMigrationResult> RunAsync(IProgress<PopulationMigrationResult>? progress = null, CancellationToken cancellationToken = default)
    {
        var result = new PopulationMigrationResult();
        await foreach (var page in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.Values)
            {
                if (!IsUnbucketed(row.PartitionKey, out var tenant, out var kind) || !PopulationTable.TrySplitRowKey(row.RowKey, out var value, out var shard))
                {
                    continue;
                }

                var moved = PopulationTable.ToEntity(PopulationTable.FeaturePartition(tenant, kind, value), PopulationTable.MovedRowKey(value, shard), PopulationTable.ReadCount(row));
                await _table.UpsertCheckedAsync(moved, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                result = await DeleteAsync(row, cancellationToken).ConfigureAwait(false)
                    ? result with { Moved = result.Moved + 1 }
                    : result with { Changed = result.Changed + 1 };
            }

            progress?.Report(result);
        }

        return result;
    }

    /// <summary>tenant|pop|kind: a feature partition of an earlier version (bucketed ones have a fourth component).</summary>
    private static bool IsUnbucketed(string partitionKey, out string tenant, out FeatureKind kind)
    {
        kind = default;
        tenant = string.Empty;
        if (partitionKey.Split(TableKeyEncoder.Separator) is not [var encodedTenant, "pop", var code] || !FeatureKinds.TryParseCode(code, out kind))
        {
            return false;
        }

        tenant = TableKeyEncoder.Decode(encodedTenant);
        return true;
    }

    /// <summary>False when the row changed since it was read (it stays, and the next run moves its new count).</summary>
    private async Task<bool> DeleteAsync(TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }
}

/// <summary>Rows moved, and rows left because they changed while being moved.</summary>
public sealed record PopulationMigrationResult(long Moved = 0, long Changed = 0);
