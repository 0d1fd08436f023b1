using Azure;
using Azure.Data.Tables;
using RiskFunctions.Domain.Actions;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// Marks many actions with one label at batch speed, grouped by partition: one entity group transaction of up to 100
/// rows per partition, partitions worked in parallel.
/// <list type="bullet">
/// <item><see cref="MarkSubjectAsync"/> (a label reached through the action index) writes the subject's slot blindly,
/// with no read at all; that is safe because only the subject's newest label is written there.</item>
/// <item><see cref="MarkAsync"/> writes the action's own mark, which any label may hold, so it first reads each
/// action's current mark with a point read (the only lookup that stays a key lookup in a large partition: a filter of
/// <c>or</c>-ed row keys is a partition scan) and writes each row conditional on the ETag that was read. A transaction
/// that loses a race with another writer (412), or names an action deleted meanwhile (404), is redone one action at a
/// time through <see cref="ActionRepository.ApplyLabelAsync"/>, which decides again on the new state.</item>
/// </list>
/// </summary>
public class ActionLabelMarker
{
    /// <summary>Rows per entity group transaction (the service's limit).</summary>
    internal const int BatchSize = ActionRowMerger.BatchSize;

    private static readonly string[] MarkProperties = ["LabelId", "LabeledAt"];

    private readonly TableClient _table;
    private readonly ActionRepository _actions;
    private readonly ActionRowMerger _rows;
    private readonly int _parallelism;
    private readonly int _readParallelism;

    /// <param name="tables">The storage account's tables.</param>
    /// <param name="actions">The per-action path taken when a transaction loses a race.</param>
    /// <param name="parallelism">Partitions worked at once (transactions in flight at most).</param>
    /// <param name="readParallelism">Point reads in flight at most, over all partitions.</param>
    public ActionLabelMarker(RiskTables tables, ActionRepository actions, int parallelism = 16, int readParallelism = 32)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(readParallelism, 1);
        _table = tables.GetTable(ActionsTable.ActionsTableName);
        _actions = actions;
        _rows = new ActionRowMerger(_table, parallelism);
        _parallelism = parallelism;
        _readParallelism = readParallelism;
    }

    /// <summary>For mocking.</summary>
    protected ActionLabelMarker()
    {
        _table = null!;
        _actions = null!;
        _rows = null!;
    }

    /// <summary>
    /// Records <paramref name="label"/> on every existing action of <paramref name="actionTokens"/> where it is
    /// newer than the mark already there. Idempotent. Returns the tokens of the actions that exist (whether or not
    /// a newer label was already on them): the actions the label affects. Pass many tokens at once: the cost is one
    /// transaction per partition touched, so tokens gathered across index pages share transactions.
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
            .GroupBy(token => ActionsTable.PartitionKey(tenantId, token), StringComparer.Ordinal)
            .ToList();

        // The largest partitions first, so the last transactions in flight are short ones.
        partitions.Sort((a, b) => b.Count().CompareTo(a.Count()));
        using var reads = new SemaphoreSlim(_readParallelism);
        var existing = new List<string>[partitions.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, partitions.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken },
            async (index, token) => existing[index] = await MarkPartitionAsync(tenantId, partitions[index].Key, [.. partitions[index]], label, reads, token).ConfigureAwait(false))
            .ConfigureAwait(false);
        return [.. existing.SelectMany(tokens => tokens)];
    }

    /// <summary>
    /// Writes <paramref name="label"/>, the newest label of <paramref name="subject"/>, into that subject's slot on
    /// every existing action of <paramref name="actionTokens"/> (see <see cref="ActionLabelSlots"/>): blind merges, no
    /// read, one transaction of up to 100 per partition. Idempotent. Returns the tokens of the actions that exist; a
    /// token whose action was never stored (its request failed after indexing it) is neither created nor returned.
    /// </summary>
    public virtual async Task<IReadOnlyList<string>> MarkSubjectAsync(
        string tenantId, ActionSubject subject, IReadOnlyCollection<string> actionTokens, ActionLabelMark label, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(actionTokens);
        ArgumentNullException.ThrowIfNull(label);
        var slot = ActionLabelSlots.Name(tenantId, subject);
        var value = ActionLabelSlots.Value(label);
        return await _rows.MergeAsync(tenantId, actionTokens, (partitionKey, token) => Slot(partitionKey, token, slot, value), cancellationToken).ConfigureAwait(false);
    }

    private static TableEntity Slot(string partitionKey, string actionToken, string slot, string value) => new(partitionKey, ActionsTable.RowKey(actionToken)) { [slot] = value, [ActionsTable.Labeled] = true };

    private async Task<List<string>> MarkPartitionAsync(
        string tenantId, string partitionKey, List<string> tokens, ActionLabelMark label, SemaphoreSlim reads, CancellationToken cancellationToken)
    {
        var current = await Task.WhenAll(tokens.Select(token => ReadMarkAsync(partitionKey, token, reads, cancellationToken))).ConfigureAwait(false);
        var found = new List<string>(tokens.Count);
        var updates = new List<TableTransactionAction>(Math.Min(tokens.Count, BatchSize));
        foreach (var (token, row) in current)
        {
            if (row is null)
            {
                continue;
            }

            found.Add(token);
            if (label.Supersedes(row.GetString("LabelId"), row.GetDateTimeOffset("LabeledAt")))
            {
                updates.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, Mark(partitionKey, token, label), row.ETag));
            }
        }

        foreach (var batch in updates.Chunk(BatchSize))
        {
            try
            {
                await _table.SubmitCheckedAsync(batch, cancellationToken).ConfigureAwait(false);
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

    /// <summary>The action's current mark and ETag; no row when there is no such action.</summary>
    private async Task<(string Token, TableEntity? Row)> ReadMarkAsync(string partitionKey, string actionToken, SemaphoreSlim reads, CancellationToken cancellationToken)
    {
        await reads.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, ActionsTable.RowKey(actionToken), MarkProperties, cancellationToken).ConfigureAwait(false);
            return (actionToken, response.HasValue ? response.Value : null);
        }
        finally
        {
            reads.Release();
        }
    }

    private static TableEntity Mark(string partitionKey, string actionToken, ActionLabelMark label) => new(partitionKey, ActionsTable.RowKey(actionToken))
    {
        ["LabelId"] = label.LabelId,
        ["LabelType"] = label.LabelType,
        ["LabeledAt"] = label.LabeledAt,
        [ActionsTable.Labeled] = true,
    };
}
