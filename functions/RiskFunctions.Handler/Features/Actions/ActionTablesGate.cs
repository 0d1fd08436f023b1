using RiskFunctions.Storage;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Idempotency;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Storage.Reputation;

namespace RiskFunctions.Handler.Features.Actions;

/// <summary>
/// Creates the action, profile, reputation and idempotency tables (create-if-not-exists): at start-up, and
/// again before the first request if storage was not reachable then. After success it costs nothing.
/// </summary>
internal sealed partial class ActionTablesGate(RiskTables tables, ILogger<ActionTablesGate> logger) : IHostedService
{
    public static IReadOnlyList<string> Tables { get; } =
        [.. ActionTables.All, .. ProfileTables.All, .. ReputationTables.All, .. IdempotencyTables.All];

    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile bool _ready;

    public ValueTask EnsureAsync(CancellationToken cancellationToken) =>
        _ready ? ValueTask.CompletedTask : new ValueTask(CreateAsync(cancellationToken));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CreateAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogNotCreated(exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (!_ready)
            {
                await tables.EnsureCreatedAsync(Tables, cancellationToken);
                _ready = true;
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The action tables could not be created at start-up; the first request will try again")]
    private partial void LogNotCreated(Exception exception);
}
