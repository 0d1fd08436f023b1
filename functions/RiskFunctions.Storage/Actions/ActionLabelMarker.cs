using Azure;
using RiskFunctions.Domain.Actions;
using RiskFunctions.Storage.Tables;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// Marks many actions with one label at batch speed: the current marks are read a group of rows per query,
/// and the new ones written as entity group transactions of up to 100 rows, each row conditional on the ETag
/// that was read. A batch that loses a race with another writer (412) is redone one action at a time through
/// <see cref="ActionRepository.ApplyLabelAsync"/>, which decides again on the new state.
/// </summary>
public class ActionLabelMarker
{
    /// <summary>A filter may hold 15 comparisons: one for the partition, the rest for row keys.</summary>
    internal const int RowsPerRead = 14;

    private const int BatchSize = 100;
    private static readonly string[] MarkProperties = ["RowKey", "LabelId", "LabeledAt"];

    private readonly TableClient _table;
    private readonly ActionRepository _actions;
    private readonly int _parallelism;

    public ActionLabelMarker(RiskTables tables, ActionRepository actions, int parallelism = 16)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        _table = tables.GetTable(ActionTables.ActionsTableName);
        _actions = actions;
        _parallelism = parallelism;
    }

    /// <summary>For mocking.</summary>
    protected ActionLabelMarker()
    {
        _table = null!;
        _actions = null!;
    }

    /// <summary>
    /// Records <paramref name="label"/> on every existing action of <paramref name="actionTokens"/> where it is
    /// newer than the mark already there. Idempotent. Returns the tokens of the actions that exist (whether or not
    /// a newer label was already on them): the actions the label affects.
    /// </summary>
    public virtual async Task<IReadOnlyList<string>> MarkAsync(
        string tenantId, IReadOnlyCollection<string> actionTokens, ActionLabelMark label, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(actionTokens);
        ArgumentNullException.ThrowIfNull(label);
        var partitions = actionTokens
            .Where(ActionToken.IsWellFormed)
            .Distinct(StringComparer.Ordinal)
            .GroupBy(token => ActionEntityMapper.PartitionKey(tenantId, token), StringComparer.Ordinal)
            .ToList();

        var existing = new List<string>[partitions.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, partitions.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken },
            async (index, token) => existing[index] = await MarkPartitionAsync(tenantId, partitions[index].Key, [.. partitions[index]], label, token).ConfigureAwait(false))
            .ConfigureAwait(false);
        return [.. existing.SelectMany(tokens => tokens)];
    }

    private async Task<List<string>> MarkPartitionAsync(string tenantId, string partitionKey, List<string> tokens, ActionLabelMark label, CancellationToken cancellationToken)
    {
        var found = new List<string>(tokens.Count);
        var updates = new List<TableTransactionAction>(Math.Min(tokens.Count, BatchSize));
        foreach (var group in tokens.Chunk(RowsPerRead))
        {
            var rowConditions = group.Select(token => TableFilter.Create($"RowKey eq {token}")).ToArray();
            var filter = TableFilter.And(TableFilter.Create($"PartitionKey eq {partitionKey}"), TableFilter.Or(rowConditions));
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, RowsPerRead, MarkProperties, cancellationToken).ConfigureAwait(false))
            {
                found.Add(row.RowKey);
                if (label.Supersedes(row.GetString("LabelId"), row.GetDateTimeOffset("LabeledAt")))
                {
                    updates.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, Mark(partitionKey, row.RowKey, label), row.ETag));
                }
            }
        }

        foreach (var batch in updates.Chunk(BatchSize))
        {
            try
            {
                await _table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                // Another writer touched one of these actions since it was read: decide again, one at a time.
                foreach (var action in batch)
                {
                    await _actions.ApplyLabelAsync(tenantId, action.Entity.RowKey, label, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return found;
    }

    private static TableEntity Mark(string partitionKey, string actionToken, ActionLabelMark label) => new(partitionKey, actionToken)
    {
        ["LabelId"] = label.LabelId,
        ["LabelType"] = label.LabelType,
        ["LabeledAt"] = label.LabeledAt,
    };
}
