using Azure;
using Azure.Data.Tables;
using RiskFunctions.Domain.Campaigns;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Campaigns;

/// <summary>The tenant's campaigns: written by maintenance and label propagation, read by the endpoints and the active-campaign view.</summary>
public class CampaignRepository
{
    /// <summary>Attempts at a label that keeps meeting concurrent writes of the campaign.</summary>
    public const int MaxAttempts = 20;

    private readonly TableClient _table;

    public CampaignRepository(RiskTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(CampaignsTable.CampaignsTableName);
    }

    /// <summary>For mocking.</summary>
    protected CampaignRepository() => _table = null!;

    /// <summary>Writes what detection knows of the campaign, keeping its label (a merge).</summary>
    public virtual Task SaveAsync(StoredCampaign campaign, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return _table.UpsertCheckedAsync(CampaignsTable.ToEntity(campaign), TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>
    /// Records a label on the campaign (its reputation) unless a newer one is there; an unknown campaign gets none. The
    /// write is conditional on the row read, so of two labels written at once the newer stays whatever the order.
    /// </summary>
    public virtual async Task ApplyLabelAsync(string tenantId, string campaignId, string labelId, string labelType, DateTimeOffset labeledAt, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (current, etag) = await ReadAsync(tenantId, campaignId, cancellationToken).ConfigureAwait(false);
            if (current is null || (current.LabeledAt is { } at && (at > labeledAt || (at == labeledAt && string.CompareOrdinal(current.LabelId, labelId) >= 0))))
            {
                return;
            }

            try
            {
                await _table.UpdateCheckedAsync(CampaignsTable.ToLabelPatch(tenantId, campaignId, labelId, labelType, labeledAt), etag, TableUpdateMode.Merge, cancellationToken)
                    .ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                ConflictBackoff.ThrowIfLastAttempt(ex, attempt, MaxAttempts);

                // Maintenance or another label changed the campaign since the read (or it is gone): decide again.
                await Task.Delay(ConflictBackoff.Delay(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The campaign, or null. An id this service never issues (a label's free-text subject, say) is unknown without a
    /// read: it could not be a RowKey here, and characters such as <c>/</c> or <c>#</c> are not allowed in one.
    /// </summary>
    public virtual async Task<StoredCampaign?> GetAsync(string tenantId, string campaignId, CancellationToken cancellationToken = default) =>
        (await ReadAsync(tenantId, campaignId, cancellationToken).ConfigureAwait(false)).Campaign;

    /// <summary>Campaigns whose last action is at or after <paramref name="since"/> (all of them when null).</summary>
    public virtual async Task<IReadOnlyList<StoredCampaign>> ListSinceAsync(string tenantId, DateTimeOffset? since, CancellationToken cancellationToken = default)
    {
        var filter = TableFilter.Create($"PartitionKey eq {CampaignsTable.PartitionKey(tenantId)}");
        if (since is { } from)
        {
            filter = TableFilter.And(filter, TableFilter.Create($"LastSeen ge {from}"));
        }

        var campaigns = new List<StoredCampaign>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (CampaignsTable.FromEntity(tenantId, row) is { } campaign)
            {
                campaigns.Add(campaign);
            }
        }

        return campaigns;
    }

    /// <summary>One page of the tenant's campaigns, in id order, and where the next starts.</summary>
    public virtual async Task<(IReadOnlyList<StoredCampaign> Campaigns, string? Continuation)> ListAsync(
        string tenantId, int pageSize, string? after, CancellationToken cancellationToken = default)
    {
        var filter = TableFilter.Create($"PartitionKey eq {CampaignsTable.PartitionKey(tenantId)}");
        if (after is not null)
        {
            filter = TableFilter.And(filter, TableFilter.Create($"RowKey gt {after}"));
        }

        // One campaign more than the page is read to learn whether another page follows: a full last page then ends
        // the walk instead of sending the client for an empty one.
        var campaigns = new List<StoredCampaign>(pageSize + 1);
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, pageSize + 1, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (CampaignsTable.FromEntity(tenantId, row) is { } campaign)
            {
                campaigns.Add(campaign);
                if (campaigns.Count > pageSize)
                {
                    return (campaigns[..pageSize], campaigns[pageSize - 1].CampaignId);
                }
            }
        }

        return (campaigns, null);
    }

    private async Task<(StoredCampaign? Campaign, ETag ETag)> ReadAsync(string tenantId, string campaignId, CancellationToken cancellationToken)
    {
        if (!CampaignIdentity.IsWellFormed(campaignId))
        {
            return (null, default);
        }

        var row = await _table.GetEntityIfExistsAsync<TableEntity>(CampaignsTable.PartitionKey(tenantId), campaignId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? (CampaignsTable.FromEntity(tenantId, row.Value!), row.Value!.ETag) : (null, default);
    }
}
