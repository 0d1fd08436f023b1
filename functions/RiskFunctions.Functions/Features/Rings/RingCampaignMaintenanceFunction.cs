using Microsoft.Azure.Functions.Worker;
using Maintenance = RiskFunctions.Functions.Features.Rings.RingCampaignMaintenance;

namespace RiskFunctions.Functions.Features.Rings;

/// <summary>Takes the recent-activity feed into the ring graph and campaign detection, every minute, off the trigger-action path.</summary>
public sealed partial class RingCampaignMaintenanceFunction(Maintenance maintenance, ILogger<RingCampaignMaintenanceFunction> logger)
{
    /// <summary>Every minute (NCRONTAB): campaigns are windows of minutes, so they are found within one.</summary>
    public const string Schedule = "0 */1 * * * *";

    [Function(nameof(RingCampaignMaintenance))]
    public async Task RingCampaignMaintenance(
        [TimerTrigger(Schedule)] TimerInfo timer,
        CancellationToken cancellationToken)
    {
        var outcome = await maintenance.RunAsync(cancellationToken);
        LogRun(logger, outcome.FeedRows, outcome.RingsTouched, outcome.CampaignsTouched, outcome.Expired);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ring and campaign maintenance read {FeedRows} feed row(s): {Rings} ring(s), {Campaigns} campaign(s) touched, {Expired} row(s) expired")]
    private static partial void LogRun(ILogger logger, int feedRows, int rings, int campaigns, int expired);
}
