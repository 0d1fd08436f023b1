using RiskFunctions.Storage.Profiles;

namespace RiskFunctions.Functions.Features.Actions;

/// <summary>
/// Writes the population increments of the results this instance recorded (<see cref="PopulationRepository.Increment"/>)
/// every <see cref="Interval"/>, and once more on a clean shutdown: a success costs its result no population write of
/// its own, and a count many results share (the tenant's totals, a country, a browser) is one write per interval.
/// </summary>
/// <remarks>
/// What can be lost: the increments of the last interval when the process dies without a clean shutdown, and those of a
/// write that failed (it may have been applied, so it is not repeated). Population counts are tenant-wide frequencies
/// over many actions, and scoring already reads them up to minutes old, so a second's worth short changes no likelihood
/// ratio that matters; a count added twice would be wrong for good, so a lost write is logged, not retried.
/// </remarks>
internal sealed partial class PopulationFlusher(PopulationRepository population, TimeProvider time, ILogger<PopulationFlusher> logger) : BackgroundService
{
    /// <summary>How often the gathered increments are written.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync flushes once more.
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await population.FlushAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFlushFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The population increments of the results since the last flush were not written; the tenants' population counts stay short by them")]
    private partial void LogFlushFailed(Exception exception);
}
