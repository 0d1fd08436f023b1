using Microsoft.Azure.Functions.Worker;
using Maintenance = RiskFunctions.Functions.Features.Rings.RingCampaignMaintenance;

namespace RiskFunctions.Functions.Features.Rings;

/// <summary>Takes the recent-activity feed into the ring graph and campaign detection on the app setting's schedule (every minute by default), off the trigger-action path.</summary>
public sealed partial class RingCampaignMaintenanceFunction(Maintenance maintenance, ILogger<RingCampaignMaintenanceFunction> logger)
{
    /// <summary>The app setting holding the NCRONTAB schedule (the trigger binds to it as <c>%name%</c>).</summary>
    public const string ScheduleSetting = "RingCampaignMaintenanceSchedule";

    /// <summary>The schedule the app settings carry by default: every minute, since campaigns are windows of minutes.</summary>
    public const string DefaultSchedule = "0 */1 * * * *";

    [Function(nameof(RingCampaignMaintenance))]
    public async Task RingCampaignMaintenance(
        [TimerTrigger("%" + ScheduleSetting + "%")] TimerInfo timer,
        CancellationToken cancellationToken)
    {
        var outcome = await maintenance.RunAsync(cancellationToken);
        LogRun(logger, outcome.FeedRows, outcome.RingsTouched, outcome.CampaignsTouched, outcome.Expired);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ring and campaign maintenance read {FeedRows} feed row(s): {Rings} ring(s), {Campaigns} campaign(s) touched, {Expired} row(s) expired")]
    private static partial void LogRun(ILogger logger, int feedRows, int rings, int campaigns, int expired);
}
