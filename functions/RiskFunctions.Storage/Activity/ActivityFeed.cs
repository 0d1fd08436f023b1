using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using RiskFunctions.Domain.Activity;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Activity;

/// <summary>
/// The recent-activity feed ring and campaign maintenance works from: trigger-action appends each action (one upsert,
/// in the same wave as its index writes), the result endpoint adds the result, and maintenance reads the feed, marks
/// what it has done and deletes rows past the retention.
/// </summary>
public class ActivityFeed
{
    private readonly TableClient _table;

    public ActivityFeed(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(ActivityTable.ActivityTableName);
    }

    /// <summary>For mocking.</summary>
    protected ActivityFeed() => _table = null!;

    /// <summary>Appends the action (idempotent: the same action again replaces its row with the same values).</summary>
    public virtual Task AppendAsync(string tenantId, ActivityRecord record, DateTimeOffset recordedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _table.UpsertCheckedAsync(ActivityTable.ToEntity(tenantId, record, recordedAt), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Appends the action, or writes its values into its row when the row exists, keeping what only later writers put there
    /// (the result, maintenance marks): a merge, so another run of the same action token cannot erase them.
    /// </summary>
    public virtual Task AppendOrMergeAsync(string tenantId, ActivityRecord record, DateTimeOffset recordedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _table.UpsertCheckedAsync(ActivityTable.ToEntity(tenantId, record, recordedAt), TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Appends the action unless its row exists (then left as it is).</summary>
    public virtual async Task AppendIfAbsentAsync(string tenantId, ActivityRecord record, DateTimeOffset recordedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await _table.AddCheckedAsync(ActivityTable.ToEntity(tenantId, record, recordedAt), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // There already, maybe with the action's result or its maintenance marks.
        }
    }

    /// <summary>
    /// Appends many actions at once (a batch of the historical import): one entity group transaction of upserts per
    /// partition and 100 rows, all of them at once. Idempotent, as <see cref="AppendAsync"/>.
    /// </summary>
    public virtual async Task AppendAllAsync(string tenantId, IEnumerable<ActivityRecord> records, DateTimeOffset recordedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var batches = TableBatches.Of(records.Select(record => ActivityTable.ToEntity(tenantId, record, recordedAt))).ToList();
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (batch, token) => await _table.SubmitCheckedAsync(
                batch.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), token).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>Adds the action's result to its row; nothing when the row is gone (past the retention).</summary>
    public virtual async Task RecordResultAsync(string tenantId, string actionToken, string result, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.UpdateCheckedAsync(ActivityTable.Patch(tenantId, actionToken, "Result", result), ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Maintenance already let the action go: its result no longer changes any campaign.
        }
    }

    /// <summary>Every row of the feed, all tenants (the feed holds only the retention window).</summary>
    public virtual async IAsyncEnumerable<FeedEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entity in _table.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ActivityTable.FromEntity(entity);
        }
    }

    /// <summary>Records that ring maintenance has taken the actions into account.</summary>
    public virtual Task MarkRingDoneAsync(string tenantId, IEnumerable<string> actionTokens, CancellationToken cancellationToken = default) =>
        PatchAsync(tenantId, actionTokens, token => ActivityTable.Patch(tenantId, token, "RingDone", true), cancellationToken);

    /// <summary>Records the campaign the actions were put in.</summary>
    public virtual Task SetCampaignAsync(string tenantId, IEnumerable<string> actionTokens, string campaignId, CancellationToken cancellationToken = default) =>
        PatchAsync(tenantId, actionTokens, token => ActivityTable.Patch(tenantId, token, "CampaignId", campaignId), cancellationToken);

    /// <summary>Deletes the rows (any that are already gone are skipped).</summary>
    public virtual async Task DeleteAsync(string tenantId, IEnumerable<string> actionTokens, CancellationToken cancellationToken = default)
    {
        foreach (var batch in Batches(tenantId, actionTokens))
        {
            try
            {
                await _table.SubmitCheckedAsync(batch.Select(token => new TableTransactionAction(
                    TableTransactionActionType.Delete, new TableEntity(ActivityTable.PartitionKey(tenantId, token), token), ETag.All)), cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException)
            {
                foreach (var token in batch)
                {
                    await _table.DeleteEntityAsync(ActivityTable.PartitionKey(tenantId, token), token, ETag.All, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task PatchAsync(string tenantId, IEnumerable<string> actionTokens, Func<string, TableEntity> patch, CancellationToken cancellationToken)
    {
        foreach (var batch in Batches(tenantId, actionTokens))
        {
            await _table.SubmitCheckedAsync(batch.Select(token => new TableTransactionAction(TableTransactionActionType.UpsertMerge, patch(token))), cancellationToken).ConfigureAwait(false);
        }
    }

    private static IEnumerable<string[]> Batches(string tenantId, IEnumerable<string> actionTokens) =>
        actionTokens.Distinct(StringComparer.Ordinal)
            .GroupBy(token => ActivityTable.PartitionKey(tenantId, token), StringComparer.Ordinal)
            .SelectMany(partition => partition.Chunk(100));
}
