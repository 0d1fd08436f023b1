using Microsoft.Extensions.Options;
using RiskFunctions.Storage.Activity;

namespace RiskFunctions.Functions.Features.Rings;

/// <summary>
/// One maintenance run over the recent-activity feed, tenant by tenant: new actions go into the ring graph (then are
/// marked done: the checkpoint comes after the effect), campaign detection runs over everything the feed holds, and
/// rows older than <see cref="RingsOptions.FeedRetention"/> that are done are deleted. Off the trigger-action path; a
/// timer function runs it.
/// </summary>
public sealed partial class RingCampaignMaintenance(
    ActivityFeed feed,
    RingMaintenance rings,
    CampaignMaintenance campaigns,
    IOptions<RingsOptions> options,
    TimeProvider time,
    ILogger<RingCampaignMaintenance> logger)
{
    public async Task<MaintenanceOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var entries = new List<FeedEntry>();
        await foreach (var entry in feed.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(entry);
        }

        var outcome = new MaintenanceOutcome(entries.Count, 0, 0, 0);
        var expiredBefore = time.GetUtcNow() - options.Value.FeedRetention;
        foreach (var tenant in entries.GroupBy(entry => entry.TenantId, StringComparer.Ordinal))
        {
            var pending = tenant.Where(entry => !entry.RingDone).ToList();
            var ringsFound = pending.Count == 0 ? 0 : await rings.ProcessAsync(tenant.Key, [.. pending.Select(entry => entry.Record)], cancellationToken).ConfigureAwait(false);
            await feed.MarkRingDoneAsync(tenant.Key, pending.Select(entry => entry.Record.ActionToken), cancellationToken).ConfigureAwait(false);
            var campaignsFound = await campaigns.ProcessAsync(tenant.Key, [.. tenant], cancellationToken).ConfigureAwait(false);
            var expired = tenant.Where(entry => entry.RecordedAt < expiredBefore).Select(entry => entry.Record.ActionToken).ToList();
            await feed.DeleteAsync(tenant.Key, expired, cancellationToken).ConfigureAwait(false);
            outcome = outcome with
            {
                RingsTouched = outcome.RingsTouched + ringsFound,
                CampaignsTouched = outcome.CampaignsTouched + campaignsFound,
                Expired = outcome.Expired + expired.Count,
            };
            LogTenant(logger, tenant.Key, pending.Count, ringsFound, campaignsFound);
        }

        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ring and campaign maintenance of tenant {TenantId}: {NewActions} new action(s), {Rings} ring(s) and {Campaigns} campaign(s) touched")]
    private static partial void LogTenant(ILogger logger, string tenantId, int newActions, int rings, int campaigns);
}

/// <summary>What a maintenance run did.</summary>
/// <param name="FeedRows">Rows the feed held.</param>
/// <param name="RingsTouched">Rings created, grown or merged.</param>
/// <param name="CampaignsTouched">Campaigns created or continued.</param>
/// <param name="Expired">Rows deleted past the retention.</param>
public sealed record MaintenanceOutcome(int FeedRows, int RingsTouched, int CampaignsTouched, int Expired);
