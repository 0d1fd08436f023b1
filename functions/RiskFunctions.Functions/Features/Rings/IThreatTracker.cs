using RiskFunctions.Domain.Activity;
using RiskFunctions.Domain.Campaigns;

namespace RiskFunctions.Functions.Features.Rings;

/// <summary>
/// What trigger-action and action/result need from ring and campaign maintenance, and all they do with it: match an
/// action against the tenant's active campaigns in memory (no storage request on the path), record the action in the
/// recent-activity feed (one upsert, sent with the index writes), and add a result to it.
/// </summary>
public interface IThreatTracker
{
    /// <summary>The active campaign the action continues, from the in-memory view; never waits for storage.</summary>
    CampaignMatch? Match(string tenantId, ActivityRecord action);

    /// <summary>Appends the action to the recent-activity feed.</summary>
    Task RecordAsync(string tenantId, ActivityRecord action, CancellationToken cancellationToken);

    /// <summary>
    /// Appends the action, or writes its values into its row when the row is there, keeping its result and maintenance
    /// marks: for a token another run may record at the same time (two runs of one idempotency key), whose row was
    /// maybe already given a result or taken in by maintenance.
    /// </summary>
    Task RecordOrMergeAsync(string tenantId, ActivityRecord action, CancellationToken cancellationToken);

    /// <summary>
    /// Appends the action unless its row is there: a retry of a request whose action was stored (its row may have been
    /// lost with the run, or changed since by its result or by maintenance, which appending again would undo).
    /// </summary>
    Task RecordIfAbsentAsync(string tenantId, ActivityRecord action, CancellationToken cancellationToken);

    /// <summary>Adds a reported result to the action's feed row, if it is still there.</summary>
    Task RecordResultAsync(string tenantId, string actionToken, string result, CancellationToken cancellationToken);
}

/// <summary>The campaign an action matched.</summary>
public sealed record CampaignMatch(string CampaignId, CampaignKind Kind);
