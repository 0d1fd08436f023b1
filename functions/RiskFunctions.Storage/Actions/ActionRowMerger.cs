using Azure;
using Azure.Data.Tables;
using RiskFunctions.Domain.Actions;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// Blind merges of a few properties into many existing action rows: one entity group transaction of up to
/// <see cref="BatchSize"/> rows per partition, partitions worked in parallel, the largest first (so the last
/// transactions in flight are short ones). A merge never creates an action: a transaction naming a row that was never
/// stored (404) is redone one row at a time, and that row is skipped.
/// </summary>
internal sealed class ActionRowMerger
{
    /// <summary>Rows per entity group transaction (the service's limit).</summary>
    public const int BatchSize = 100;

    private readonly TableClient _table;
    private readonly int _parallelism;

    /// <param name="table">The actions table.</param>
    /// <param name="parallelism">Transactions in flight at most.</param>
    public ActionRowMerger(TableClient table, int parallelism)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        _table = table;
        _parallelism = parallelism;
    }

    /// <summary>Merges <paramref name="row"/>(partition key, action token) into the row of each well-formed token.</summary>
    /// <returns>The tokens whose actions exist.</returns>
    public async Task<IReadOnlyList<string>> MergeAsync(
        string tenantId, IEnumerable<string> actionTokens, Func<string, string, TableEntity> row, CancellationToken cancellationToken)
    {
        var batches = actionTokens
            .Where(ActionToken.IsWellFormed)
            .Distinct(StringComparer.Ordinal)
            .GroupBy(token => ActionsTable.PartitionKey(tenantId, token), StringComparer.Ordinal)
            .SelectMany(partition => partition.Chunk(BatchSize).Select(tokens => (PartitionKey: partition.Key, Tokens: tokens)))
            .OrderByDescending(batch => batch.Tokens.Length)
            .ToList();

        var existing = new IReadOnlyList<string>[batches.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, batches.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken },
            async (index, token) => existing[index] = await MergeBatchAsync(batches[index].PartitionKey, batches[index].Tokens, row, token).ConfigureAwait(false))
            .ConfigureAwait(false);
        return [.. existing.SelectMany(tokens => tokens)];
    }

    private async Task<IReadOnlyList<string>> MergeBatchAsync(
        string partitionKey, string[] tokens, Func<string, string, TableEntity> row, CancellationToken cancellationToken)
    {
        if (tokens.Length > 1)
        {
            try
            {
                var batch = tokens.Select(token => new TableTransactionAction(TableTransactionActionType.UpdateMerge, row(partitionKey, token), ETag.All));
                await _table.SubmitCheckedAsync(batch, cancellationToken).ConfigureAwait(false);
                return tokens;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // One of them was never stored: the others one at a time, below.
            }
        }

        // A lone row needs no transaction envelope.
        var found = new List<string>(tokens.Length);
        foreach (var token in tokens)
        {
            try
            {
                await _table.UpdateCheckedAsync(row(partitionKey, token), ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                found.Add(token);
            }
            catch (RequestFailedException missing) when (missing.Status == 404)
            {
            }
        }

        return found;
    }
}
