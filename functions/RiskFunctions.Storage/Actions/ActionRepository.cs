using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using RiskFunctions.Domain.Actions;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// Stores actions: insert once, read by token (one point read), update the result, mark labels.
/// Tokens must be well-formed (<see cref="ActionToken.IsWellFormed"/>); callers validate them first.
/// </summary>
public class ActionRepository
{
    /// <summary>Transactions of <see cref="AddAllAsync"/> sent at once.</summary>
    private const int ParallelWrites = 8;

    /// <summary>Attempts at recording a label on an action that keeps changing under other writers (results, labels).</summary>
    public const int MaxLabelAttempts = 20;

    private readonly TableClient _table;

    public ActionRepository(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(ActionsTable.ActionsTableName);
    }

    /// <summary>For mocking.</summary>
    protected ActionRepository() => _table = null!;

    /// <summary>Inserts a new action; <c>false</c> when an action with this token already exists (a retried request).</summary>
    public virtual async Task<bool> TryAddAsync(StoredAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            await _table.AddCheckedAsync(ActionsTable.ToEntity(action), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Inserts new actions in entity group transactions (per partition, within the service's limits), all of them at
    /// once. A transaction that meets an action already stored (a retried import) is sent again one insert per row, where
    /// the stored action wins, as with <see cref="TryAddAsync"/>. Returns the actions that were already stored.
    /// </summary>
    public virtual async Task<IReadOnlyCollection<string>> AddAllAsync(IReadOnlyCollection<StoredAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var existing = new System.Collections.Concurrent.ConcurrentBag<string>();
        var batches = TableBatches.Of(actions.Select(ActionsTable.ToEntity)).ToList();
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelWrites, CancellationToken = cancellationToken },
            async (batch, token) =>
            {
                try
                {
                    await _table.SubmitCheckedAsync(batch.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)), token).ConfigureAwait(false);
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 409)
                {
                    foreach (var row in batch)
                    {
                        try
                        {
                            await _table.AddCheckedAsync(row, token).ConfigureAwait(false);
                        }
                        catch (RequestFailedException one) when (one.Status == 409)
                        {
                            existing.Add(row.RowKey);
                        }
                    }
                }
            }).ConfigureAwait(false);
        return existing;
    }

    /// <summary>The action, or <c>null</c> when this tenant has none with this token.</summary>
    public virtual async Task<StoredAction?> GetAsync(string tenantId, string actionToken, CancellationToken cancellationToken = default)
    {
        CheckToken(actionToken);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            ActionsTable.PartitionKey(tenantId, actionToken), ActionsTable.RowKey(actionToken), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ActionsTable.FromEntity(tenantId, response.Value!) : null;
    }

    /// <summary>
    /// The stored <c>recommendation_full</c> document alone (UTF-8 JSON), or <c>null</c> when this tenant has
    /// no such action: one point read that fetches only the document's properties.
    /// </summary>
    public virtual async Task<byte[]?> GetRecommendationDocumentAsync(string tenantId, string actionToken, CancellationToken cancellationToken = default)
    {
        CheckToken(actionToken);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            ActionsTable.PartitionKey(tenantId, actionToken), ActionsTable.RowKey(actionToken), ActionsTable.DocumentProperties, cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ActionsTable.ReadDocument(response.Value!) : null;
    }

    /// <summary>
    /// The stored <c>recommendation_full</c> document with the campaign maintenance put the action in after it was
    /// stored, or <c>null</c> when this tenant has no such action: the same single point read as
    /// <see cref="GetRecommendationDocumentAsync"/>.
    /// </summary>
    public virtual async Task<StoredRecommendation?> GetRecommendationAsync(string tenantId, string actionToken, CancellationToken cancellationToken = default)
    {
        CheckToken(actionToken);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            ActionsTable.PartitionKey(tenantId, actionToken), ActionsTable.RowKey(actionToken), ActionsTable.DocumentProperties, cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ActionsTable.ReadRecommendation(response.Value!) : null;
    }

    /// <summary>
    /// Replaces the action if it is still the version that was read (<see cref="StoredAction.ETag"/>);
    /// <c>false</c> when it changed meanwhile (read it again and retry).
    /// </summary>
    public virtual async Task<bool> TryReplaceAsync(StoredAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action.ETag == default)
        {
            throw new ArgumentException("Only an action that was read can be replaced.", nameof(action));
        }

        try
        {
            await _table.UpdateCheckedAsync(ActionsTable.ToEntity(action), action.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Deletes the action; nothing when this tenant has no such action.</summary>
    public virtual async Task DeleteAsync(string tenantId, string actionToken, CancellationToken cancellationToken = default)
    {
        CheckToken(actionToken);
        await _table.DeleteEntityAsync(ActionsTable.PartitionKey(tenantId, actionToken), ActionsTable.RowKey(actionToken), ETag.All, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Records that the action has built its user's profile.</summary>
    public virtual Task MarkProfileFedAsync(string tenantId, string actionToken, CancellationToken cancellationToken = default)
    {
        CheckToken(actionToken);
        var entity = new TableEntity(ActionsTable.PartitionKey(tenantId, actionToken), ActionsTable.RowKey(actionToken)) { ["ProfileFed"] = true };
        return _table.UpdateCheckedAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>
    /// Records <paramref name="label"/> on the action unless a newer label is already there (by timestamp, then
    /// label id). Idempotent; <c>false</c> when the action does not exist (it may have been written only
    /// partly when its request failed, and is then not an action).
    /// </summary>
    public virtual async Task<bool> ApplyLabelAsync(string tenantId, string actionToken, ActionLabelMark label, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(label);
        CheckToken(actionToken);
        var partitionKey = ActionsTable.PartitionKey(tenantId, actionToken);
        var rowKey = ActionsTable.RowKey(actionToken);
        string[] select = ["LabelId", "LabeledAt"];
        for (var attempt = 1; ; attempt++)
        {
            var current = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
            if (!current.HasValue)
            {
                return false;
            }

            var existing = current.Value!;
            var existingAt = existing.GetDateTimeOffset("LabeledAt");
            var existingId = existing.GetString("LabelId");
            if (!label.Supersedes(existingId, existingAt))
            {
                return true;
            }

            var update = new TableEntity(partitionKey, rowKey)
            {
                ["LabelId"] = label.LabelId,
                ["LabelType"] = label.LabelType,
                ["LabeledAt"] = label.LabeledAt,
                [ActionsTable.Labeled] = true,
            };
            try
            {
                await _table.UpdateCheckedAsync(update, existing.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Another writer changed the action (a result, another label): decide again on the new state.
                ConflictBackoff.ThrowIfLastAttempt(ex, attempt, MaxLabelAttempts);
                await Task.Delay(ConflictBackoff.Delay(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The tenant's labeled actions that kept a feature vector of <paramref name="featureSchema"/>, at most
    /// <paramref name="max"/>: one filtered range query over the tenant's action partitions (the service skips the
    /// unlabeled rows; pages of up to 1,000 labeled rows). Rows come in token order, which is random, so a capped read
    /// is a sample spread over time. Whole rows are read: a label may sit in a subject slot, whose name is the
    /// subject's.
    /// </summary>
    public virtual async IAsyncEnumerable<StoredAction> QueryLabeledAsync(
        string tenantId, int featureSchema, int max, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var tenant = TableKeyEncoder.Encode(tenantId);
        // Property names as written by ActionsTable (Labeled, Fs); the holes are values only.
        var filter = TableFilter.Create(
            $"PartitionKey ge {tenant + TableKeyEncoder.Separator} and PartitionKey lt {tenant + (char)(TableKeyEncoder.Separator + 1)} and Labeled eq {true} and Fs eq {featureSchema}");
        var read = 0;
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ActionsTable.FromEntity(tenantId, entity);
            if (++read >= max)
            {
                yield break;
            }
        }
    }

    private static void CheckToken(string actionToken)
    {
        if (!ActionToken.IsWellFormed(actionToken))
        {
            throw new ArgumentException("Not an action token.", nameof(actionToken));
        }
    }
}
