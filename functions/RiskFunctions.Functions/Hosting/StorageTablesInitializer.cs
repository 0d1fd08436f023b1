using RiskFunctions.Storage;

namespace RiskFunctions.Functions.Hosting;

/// <summary>
/// Creates every table of <see cref="StorageTables.All"/> (create-if-not-exists) before the service takes
/// requests. When storage is not reachable at start-up the service starts anyway and keeps trying in the
/// background until the tables exist; until then requests needing storage fail as storage being unavailable.
/// </summary>
internal sealed partial class StorageTablesInitializer(RiskTables tables, TimeProvider time, ILogger<StorageTablesInitializer> logger) : IHostedService, IDisposable
{
    /// <summary>The pause between attempts after a failed start-up.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private Task _retries = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await tables.EnsureCreatedAsync(StorageTables.All, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogNotCreated(exception, RetryInterval);
            _retries = RetryAsync(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_retries.IsCompleted)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _retries.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RetryAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RetryInterval, time, stopping);
                await tables.EnsureCreatedAsync(StorageTables.All, stopping);
                LogCreated();
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogStillNotCreated(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The tables could not be created at start-up; trying again every {RetryInterval}")]
    private partial void LogNotCreated(Exception exception, TimeSpan retryInterval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The tables could still not be created")]
    private partial void LogStillNotCreated(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The tables were created after a failed start-up")]
    private partial void LogCreated();
}
