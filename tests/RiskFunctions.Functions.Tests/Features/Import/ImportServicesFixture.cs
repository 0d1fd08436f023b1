using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moq;
using RiskFunctions.Domain.Contract.Import;
using RiskFunctions.Domain.Import;
using RiskFunctions.Functions.Features.Actions;
using RiskFunctions.Functions.Features.Enrichment;
using RiskFunctions.Functions.Features.Import;
using RiskFunctions.Functions.Features.Labels;
using RiskFunctions.Functions.Features.Labels.Propagation;
using RiskFunctions.Functions.Features.Labels.Transport;
using RiskFunctions.Functions.Features.Rules;
using RiskFunctions.Functions.Tests.Features.Actions;
using RiskFunctions.Storage;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Functions.Tests.Features.Import;

/// <summary>
/// The import's services as the function app composes them (actions, labels, import) on their own tables in the shared
/// Azurite, with a request counter and a request that can be made to fail on the one table client. The propagation
/// queue is a seam: the import propagates each label itself before going on.
/// </summary>
public sealed class ImportServicesFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private IHost? _host;

    internal StorageRequestCounter Requests { get; } = new();

    internal FailingRequests FailingRequests { get; } = new();

    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        var prefix = _azurite.NewTablePrefix();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = await _azurite.ConnectionStringWithBlobsAsync(),
            ["Storage:ModelContainer"] = _azurite.ModelContainer,
            ["Storage:CallTimeout"] = AzuriteFixture.TestCallTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["Storage:TablePrefix"] = prefix,
            ["IpIntelligence:UseSampleData"] = "true",
            ["Labels:Transport"] = "LocalHost",
            [LabelTriggerSettings.Queue] = "label-propagation",
            ["Labels:LocalHostAddress"] = "http://localhost:1/",
        });
        builder.Services.AddLogging();
        builder.Services.AddEnrichment(builder.Configuration);
        builder.Services.AddRules();
        builder.Services.AddActions();
        builder.Services.AddLabels(builder.Configuration);
        builder.Services.AddImport();
        builder.Services.Replace(ServiceDescriptor.Singleton(Mock.Of<ILabelPropagationQueue>()));
        builder.Services.Replace(ServiceDescriptor.Singleton(provider =>
        {
            var options = new TableClientOptions();
            options.AddPolicy(Requests, HttpPipelinePosition.PerRetry);
            options.AddPolicy(FailingRequests, HttpPipelinePosition.PerRetry);
            return RiskTables.Create(provider.GetRequiredService<IOptions<StorageOptions>>().Value, options);
        }));
        _host = builder.Build();
        await Services.GetRequiredService<RiskTables>().EnsureCreatedAsync(StorageTables.All);
    }

    /// <summary>Checks and applies <paramref name="lines"/> as POST /import/actions does.</summary>
    internal async Task<IReadOnlyList<ImportLineResult>> ImportAsync(string tenant, DateTimeOffset now, params JsonObject[] lines)
    {
        var body = Encoding.UTF8.GetBytes(string.Join('\n', lines.Select(line => line.ToJsonString())));
        var (steps, problems) = await Services.GetRequiredService<ImportPlanner>().PlanAsync(tenant, ImportBatchReader.Read(body, now), default);
        Assert.True(problems.IsValid, string.Join("; ", problems.Messages));
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ImportApplier>().ApplyAsync(tenant, "importer", steps, new ImportProgress(steps.Count), default);
    }

    public async Task DisposeAsync()
    {
        _host?.Dispose();
        await _azurite.DisposeAsync();
    }
}
