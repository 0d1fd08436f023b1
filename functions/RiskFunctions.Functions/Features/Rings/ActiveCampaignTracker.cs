using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Activity;
using RiskFunctions.Domain.Campaigns;
using RiskFunctions.Storage.Activity;
using RiskFunctions.Storage.Campaigns;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Functions.Features.Rings;

/// <summary>
/// <see cref="IThreatTracker"/> over a per-tenant in-memory view of the campaigns active within one window. A view
/// older than <see cref="RingsOptions.ActiveViewRefresh"/> is read again in the background while the old one keeps
/// answering, so matching never waits: a tenant's first action after start-up sees no campaign yet.
/// </summary>
internal sealed partial class ActiveCampaignTracker(
    CampaignRepository campaigns,
    ActivityFeed feed,
    IOptions<RingsOptions> options,
    TimeProvider time,
    OutageLogThrottle outageLog,
    ILogger<ActiveCampaignTracker> logger) : IThreatTracker
{
    private readonly ConcurrentDictionary<string, TenantView> _views = new(StringComparer.Ordinal);

    public CampaignMatch? Match(string tenantId, ActivityRecord action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var view = _views.GetOrAdd(tenantId, _ => new TenantView());
        var now = time.GetUtcNow();
        if (now - view.LoadedAt >= options.Value.ActiveViewRefresh && Interlocked.CompareExchange(ref view.Refreshing, 1, 0) == 0)
        {
            _ = RefreshAsync(tenantId, view, now);
        }

        var window = options.Value.Campaigns.Window;
        return view.Campaigns.FirstOrDefault(campaign => campaign.Matches(action, window)) is { } match
            ? new CampaignMatch(match.CampaignId, match.Kind)
            : null;
    }

    public Task RecordAsync(string tenantId, ActivityRecord action, CancellationToken cancellationToken) =>
        feed.AppendAsync(tenantId, action, time.GetUtcNow(), cancellationToken);

    public Task RecordOrMergeAsync(string tenantId, ActivityRecord action, CancellationToken cancellationToken) =>
        feed.AppendOrMergeAsync(tenantId, action, time.GetUtcNow(), cancellationToken);

    public Task RecordIfAbsentAsync(string tenantId, ActivityRecord action, CancellationToken cancellationToken) =>
        feed.AppendIfAbsentAsync(tenantId, action, time.GetUtcNow(), cancellationToken);

    public Task RecordResultAsync(string tenantId, string actionToken, string result, CancellationToken cancellationToken) =>
        feed.RecordResultAsync(tenantId, actionToken, result, cancellationToken);

    private async Task RefreshAsync(string tenantId, TenantView view, DateTimeOffset now)
    {
        try
        {
            var window = options.Value.Campaigns.Window;
            var active = await campaigns.ListSinceAsync(tenantId, now - window - window, CancellationToken.None).ConfigureAwait(false);
            view.Campaigns = [.. active.Select(c => new ActiveCampaign(c.CampaignId, c.Kind, c.Feature, c.FeatureValue, c.FirstSeen, c.LastSeen))];
            view.LoadedAt = now;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The old view keeps answering; the next action tries again. An outage fails every tenant's refresh
            // alike: one throttled line without a stack trace, not one per action.
            if (!StorageOutage.IsCause(ex))
            {
                LogRefreshFailed(logger, ex, tenantId);
            }
            else if (outageLog.ShouldLog(out var unlogged))
            {
                LogRefreshUnavailable(logger, tenantId, OutageLogThrottle.Describe(ex), unlogged);
            }
        }
        finally
        {
            Volatile.Write(ref view.Refreshing, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the active campaigns of tenant {TenantId}")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Table storage unavailable; the active campaigns of tenant {TenantId} were not read ({Reason}); {Unlogged} earlier storage failures not logged")]
    private static partial void LogRefreshUnavailable(ILogger logger, string tenantId, string reason, int unlogged);

    private sealed class TenantView
    {
        public int Refreshing;

        public IReadOnlyList<ActiveCampaign> Campaigns { get; set; } = [];

        public DateTimeOffset LoadedAt { get; set; } = DateTimeOffset.MinValue;
    }
}
