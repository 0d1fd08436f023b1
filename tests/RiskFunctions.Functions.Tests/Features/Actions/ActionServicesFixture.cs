using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RiskFunctions.Functions.Features.Actions;
using RiskFunctions.Functions.Features.Enrichment;
using RiskFunctions.Functions.Features.Rules;
using RiskFunctions.Storage;
using RiskFunctions.Testing.Azurite;

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

    internal ActionRecorder Recorder => Services.GetRequiredService<ActionRecorder>();

    internal ActionResultRecorder ResultRecorder => Services.GetRequiredService<ActionResultRecorder>();

    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        var prefix = _azurite.NewTablePrefix();
        StorageRoundTrips = new StorageRoundTrips(prefix);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = await _azurite.ConnectionStringWithBlobsAsync(),
            ["Storage:ModelContainer"] = _azurite.ModelContainer,
            ["Storage:CallTimeout"] = AzuriteFixture.TestCallTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["Storage:TablePrefix"] = prefix,
            ["IpIntelligence:UseSampleData"] = "true",
        });
        builder.Services.AddLogging();
        builder.Services.AddEnrichment(builder.Configuration);
        builder.Services.AddRules();
        builder.Services.AddActions();
        builder.Services.Replace(ServiceDescriptor.Singleton(provider =>
        {
            var options = new TableClientOptions();
            options.AddPolicy(StorageRoundTrips, HttpPipelinePosition.PerRetry);
            options.AddPolicy(FailingRequests, HttpPipelinePosition.PerRetry);
            return RiskTables.Create(provider.GetRequiredService<IOptions<StorageOptions>>().Value, options);
        }));
        _host = builder.Build();
        await Services.GetRequiredService<RiskTables>().EnsureCreatedAsync(StorageTables.All);
    }

    public async Task DisposeAsync()
    {
        _host?.Dispose();
        await _azurite.DisposeAsync();
    }
}
