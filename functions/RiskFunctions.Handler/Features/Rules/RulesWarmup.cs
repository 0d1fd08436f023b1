using RiskFunctions.Storage.Rules;

namespace RiskFunctions.Handler.Features.Rules;

/// <summary>
/// Creates the rules tables at start-up without holding start-up up: if storage is not reachable yet, the
/// repositories create them on first use instead.
/// </summary>
internal sealed partial class RulesWarmup(RuleRepository rules, RuleHitStore hits, ILogger<RulesWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = CreateTablesAsync();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task CreateTablesAsync()
    {
        try
        {
            await Task.WhenAll(rules.EnsureCreatedAsync(), hits.EnsureCreatedAsync());
        }
        catch (Exception exception)
        {
            LogTablesNotCreated(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The rules tables could not be created at start-up; they will be created on first use")]
    private partial void LogTablesNotCreated(Exception exception);
}
