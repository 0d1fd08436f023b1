using System.Globalization;
using Azure;
using Azure.Data.Tables;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Profiles;

/// <summary>
/// Brings the population table to today's layout in one pass: moves the feature counts earlier versions kept in one
/// partition per kind and tenant into the bucketed partitions (<see cref="PopulationTable.FeaturePartition"/>), and folds
/// the shards of values now counted in one row (<see cref="PopulationTable.IsSingleRow"/>) into that row.
/// </summary>
/// <remarks>
/// A move writes the row to its value's bucket as a row of its own (<see cref="PopulationTable.MovedRowKey"/>, read with
/// the value's shards), then deletes it, conditional on the version read: the moved row is replaced, not added to, so a
/// run that stopped between the write and the delete counts nothing twice. A fold adds a shard to the single row and
/// deletes the shard in one transaction of their partition, conditional on both versions; a moved row is folded only
/// once its source is gone (else the next move would replace a count already folded, and count it twice). Idempotent
/// and resumable by running it again; a row incremented meanwhile (an instance of an earlier version still running)
/// keeps its place and is taken by the next run.
/// </remarks>
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
                if (!TryParsePartition(row.PartitionKey, out var tenant, out var kind, out var bucketed) || !PopulationTable.TrySplitRowKey(row.RowKey, out var value, out var shard))
                {
                    continue;
                }

                if (!bucketed)
                {
                    result = await MoveAsync(row, tenant, kind, value, shard, result, cancellationToken).ConfigureAwait(false);
                }
                else if (PopulationTable.IsSingleRow(kind, value) && !IsSingleRowShard(shard))
                {
                    result = await FoldAsync(tenant, kind, value, shard, result, cancellationToken).ConfigureAwait(false);
                }
            }

            progress?.Report(result);
        }

        return result;
    }

    private async Task<PopulationMigrationResult> MoveAsync(
        TableEntity row, string tenant, FeatureKind kind, string value, string shard, PopulationMigrationResult result, CancellationToken cancellationToken)
    {
        var moved = PopulationTable.ToEntity(PopulationTable.FeaturePartition(tenant, kind, value), PopulationTable.MovedRowKey(value, shard), PopulationTable.ReadCount(row));
        await _table.UpsertCheckedAsync(moved, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        if (!await DeleteAsync(row, cancellationToken).ConfigureAwait(false))
        {
            return result with { Changed = result.Changed + 1 };
        }

        result = result with { Moved = result.Moved + 1 };
        return PopulationTable.IsSingleRow(kind, value)
            ? await FoldAsync(tenant, kind, value, "m" + shard, result, cancellationToken).ConfigureAwait(false)
            : result;
    }

    /// <summary>Adds shard <paramref name="shard"/> of a single-row value to its single row and deletes it, in one transaction.</summary>
    private async Task<PopulationMigrationResult> FoldAsync(
        string tenant, FeatureKind kind, string value, string shard, PopulationMigrationResult result, CancellationToken cancellationToken)
    {
        if (shard.StartsWith('m') && await ExistsAsync(PopulationTable.UnbucketedPartition(tenant, kind), PopulationTable.RowKey(value, shard[1..]), cancellationToken).ConfigureAwait(false))
        {
            // Its source changed while it was moved: the next run moves it again, then folds it.
            return result with { Changed = result.Changed + 1 };
        }

        var key = PopulationTable.FeatureCount(tenant, kind, value);
        var source = await _table.GetEntityIfExistsAsync<TableEntity>(key.PartitionKey, PopulationTable.RowKey(value, shard), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!source.HasValue)
        {
            return result;
        }

        var single = await _table.GetEntityIfExistsAsync<TableEntity>(key.PartitionKey, key.RowKey(PopulationTable.SingleRowShard), cancellationToken: cancellationToken).ConfigureAwait(false);
        var (write, _) = PopulationTable.Increment(
            PopulationTable.Known(single.HasValue ? single.Value : null), key.PartitionKey, key.RowKey(PopulationTable.SingleRowShard), PopulationTable.ReadCount(source.Value!));

        try
        {
            await _table.SubmitCheckedAsync([write, new TableTransactionAction(TableTransactionActionType.Delete, source.Value!, source.Value!.ETag)], cancellationToken).ConfigureAwait(false);
            return result with { Folded = result.Folded + 1 };
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            // An increment of either row meanwhile: the next run folds what is left.
            return result with { Changed = result.Changed + 1 };
        }
    }

    /// <summary>
    /// tenant|pop|kind: a feature partition of an earlier version; tenant|pop|kind|bucket: today's. The tenant totals'
    /// partition (tenant|pop|tenant) names no kind.
    /// </summary>
    private static bool TryParsePartition(string partitionKey, out string tenant, out FeatureKind kind, out bool bucketed)
    {
        kind = default;
        tenant = string.Empty;
        bucketed = false;
        var parts = partitionKey.Split(TableKeyEncoder.Separator);
        if (parts.Length is not (3 or 4) || parts[1] != PopulationTable.Pop || !FeatureKinds.TryParseCode(parts[2], out kind))
        {
            return false;
        }

        tenant = TableKeyEncoder.Decode(parts[0]);
        bucketed = parts.Length == 4;
        return true;
    }

    private static bool IsSingleRowShard(string shard) =>
        string.Equals(shard, PopulationTable.SingleRowShard.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private async Task<bool> ExistsAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        (await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false)).HasValue;

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

/// <summary>Rows moved, shards folded into single rows, and rows left because they changed while being moved or folded.</summary>
public sealed record PopulationMigrationResult(long Moved = 0, long Changed = 0, long Folded = 0);
