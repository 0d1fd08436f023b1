using Azure;
using Azure.Data.Tables;
using RiskFunctions.Domain.Actions;
using RiskFunctions.Domain.Campaigns;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// Records on stored actions the campaign maintenance found them in after the fact: a blind merge of the campaign id
/// and kind (<see cref="StoredAction.CampaignId"/>), one entity group transaction of up to 100 rows per partition,
/// partitions worked in parallel. No read: the newest assignment is the one to keep, and a merge leaves the rest of the
/// row (document, result, labels) alone, so it never races the action's own conditional replaces into a lost update
/// (a replace that read the row before the merge fails on the ETag and reads it again).
/// </summary>
public class ActionCampaignMarker
{
    /// <summary>Rows per entity group transaction (the service's limit).</summary>
    internal const int BatchSize = 100;

    private readonly TableClient _table;
    private readonly int _parallelism;

    /// <param name="tables">The storage account's tables.</param>
    /// <param name="parallelism">Transactions in flight at most.</param>
    public ActionCampaignMarker(RiskTables tables, int parallelism = 16)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        _table = tables.GetTable(ActionsTable.ActionsTableName);
        _parallelism = parallelism;
    }

    /// <summary>For mocking.</summary>
    protected ActionCampaignMarker() => _table = null!;

    /// <summary>
    /// Records <paramref name="campaignId"/> of <paramref name="kind"/> on every existing action of
    /// <paramref name="actionTokens"/>. Idempotent. Returns the tokens of the actions that exist; a token whose action
    /// was never stored (its request failed after the action reached the activity feed) is neither created nor returned.
    /// </summary>
    public virtual async Task<IReadOnlyList<string>> AssignAsync(
        string tenantId, string campaignId, CampaignKind kind, IReadOnlyCollection<string> actionTokens, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(campaignId);
        ArgumentNullException.ThrowIfNull(actionTokens);
        var code = kind.Code();
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
            async (index, token) => existing[index] = await WriteAsync(batches[index].PartitionKey, batches[index].Tokens, campaignId, code, token).ConfigureAwait(false))
            .ConfigureAwait(false);
        return [.. existing.SelectMany(tokens => tokens)];
    }

    private async Task<IReadOnlyList<string>> WriteAsync(string partitionKey, string[] tokens, string campaignId, string kind, CancellationToken cancellationToken)
    {
        try
        {
            if (tokens.Length == 1)
            {
                // A lone row needs no transaction envelope.
                await _table.UpdateCheckedAsync(Assignment(partitionKey, tokens[0], campaignId, kind), ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return tokens;
            }

            var batch = tokens.Select(token => new TableTransactionAction(TableTransactionActionType.UpdateMerge, Assignment(partitionKey, token, campaignId, kind), ETag.All));
            await _table.SubmitCheckedAsync(batch, cancellationToken).ConfigureAwait(false);
            return tokens;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // One of them was never stored: the others one at a time.
            var found = new List<string>(tokens.Length);
            foreach (var token in tokens)
            {
                try
                {
                    await _table.UpdateCheckedAsync(Assignment(partitionKey, token, campaignId, kind), ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                    found.Add(token);
                }
                catch (RequestFailedException missing) when (missing.Status == 404)
                {
                }
            }

            return found;
        }
    }

    private static TableEntity Assignment(string partitionKey, string actionToken, string campaignId, string kind) =>
        new(partitionKey, ActionsTable.RowKey(actionToken)) { [ActionsTable.CampaignId] = campaignId, [ActionsTable.CampaignKind] = kind };
}
