using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using RiskFunctions.Functions.Features.Actions;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Time;

namespace RiskFunctions.Functions.Tests.Features.Actions;

/// <summary>
/// The action services as the function app composes them (enrichment with the sample IP data, rules, actions) on
/// their own tables in the shared Azurite, with <see cref="StorageRoundTrips"/> on the one table client, so a test
/// can record what a recorder call sends to storage.
/// </summary>
public sealed class ActionServicesFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private IHost? _host;

    internal StorageRoundTrips StorageRoundTrips { get; private set; } = null!;

    /// <summary>Fails one chosen storage request when armed.</summary>
    internal FailingRequests FailingRequests { get; } = new();

    /// <summary>The population cache's clock (only its): moved on, it lets the cached counts expire.</summary>
    internal ManualTimeProvider PopulationClock { get; } = new(DateTimeOffset.UtcNow);

    internal ActionRecorder Recorder => Services.GetRequiredService<ActionRecorder>();

    internal ActionResultRecorder ResultRecorder => Services.GetRequiredService<ActionResultRecorder>();

    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        var prefix = _azurite.NewTablePrefix();
        StorageRoundTrips = new StorageRoundTrips(prefix);
        _host = await ServiceLevelHost.StartAsync(_azurite, prefix, new Dictionary<string, string?>(),
            builder => builder.Services.Replace(ServiceDescriptor.Singleton(new PopulationCache(PopulationClock))),
            StorageRoundTrips, FailingRequests);
    }

    public async Task DisposeAsync()
    {
        _host?.Dispose();
        await _azurite.DisposeAsync();
    }
}
