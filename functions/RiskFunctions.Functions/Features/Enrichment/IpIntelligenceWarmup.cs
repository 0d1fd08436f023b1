using RiskFunctions.Domain.Enrichment.IpIntelligence;

namespace RiskFunctions.Functions.Features.Enrichment;

/// <summary>
/// Loads the IP-intelligence data while the application starts, before it takes requests, so the first
/// action is not slowed by the load and a broken file fails the start instead of a request.
/// </summary>
internal sealed class IpIntelligenceWarmup : IHostedService
{
    private readonly IServiceProvider _services;

    public IpIntelligenceWarmup(IServiceProvider services) => _services = services;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = _services.GetRequiredService<IpIntelligenceDatabase>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
