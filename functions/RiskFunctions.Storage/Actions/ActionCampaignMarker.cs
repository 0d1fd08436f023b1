using Azure.Data.Tables;
using RiskFunctions.Domain.Campaigns;

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
    internal const int BatchSize = ActionRowMerger.BatchSize;

    private readonly ActionRowMerger _rows;

    /// <param name="tables">The storage account's tables.</param>
    /// <param name="parallelism">Transactions in flight at most.</param>
    public ActionCampaignMarker(RiskTables tables, int parallelism = 16)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _rows = new ActionRowMerger(tables.GetTable(ActionsTable.ActionsTableName), parallelism);
    }

    /// <summary>For mocking.</summary>
    protected ActionCampaignMarker() => _rows = null!;

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
        return await _rows.MergeAsync(tenantId, actionTokens, (partitionKey, token) => Assignment(partitionKey, token, campaignId, code), cancellationToken).ConfigureAwait(false);
    }

    private static TableEntity Assignment(string partitionKey, string actionToken, string campaignId, string kind) =>
        new(partitionKey, ActionsTable.RowKey(actionToken)) { [ActionsTable.CampaignId] = campaignId, [ActionsTable.CampaignKind] = kind };
}
