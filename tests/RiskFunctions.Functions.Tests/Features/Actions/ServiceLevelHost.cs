using Azure.Core;
using Azure.Core.Pipeline;
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
/// The action services as the function app composes them (enrichment with the sample IP data, rules, actions), plus
/// what a fixture adds, on their own tables in the shared Azurite, with the fixture's policies on the one table client:
/// what the service-level fixtures share.
/// </summary>
internal static class ServiceLevelHost
{
    /// <summary>Builds the host and creates its tables.</summary>
    /// <param name="azurite">The started Azurite.</param>
    /// <param name="tablePrefix">The fixture's own table prefix.</param>
    /// <param name="settings">Settings beside the storage ones.</param>
    /// <param name="addServices">Services beside the action services (and replacements of their seams).</param>
    /// <param name="policies">Policies on every storage request, per retry.</param>
    public static async Task<IHost> StartAsync(
        AzuriteFixture azurite,
        string tablePrefix,
        IReadOnlyDictionary<string, string?> settings,
        Action<HostApplicationBuilder> addServices,
        params HttpPipelinePolicy[] policies)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = await azurite.ConnectionStringWithBlobsAsync(),
            ["Storage:ModelContainer"] = azurite.ModelContainer,
            ["Storage:CallTimeout"] = AzuriteFixture.TestCallTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["Storage:TablePrefix"] = tablePrefix,
            ["IpIntelligence:UseSampleData"] = "true",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddEnrichment(builder.Configuration);
        builder.Services.AddRules();
        builder.Services.AddActions();
        addServices(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton(provider =>
        {
            var options = new TableClientOptions();
            foreach (var policy in policies)
            {
                options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
            }

            return RiskTables.Create(provider.GetRequiredService<IOptions<StorageOptions>>().Value, options);
        }));
        var host = builder.Build();
        await host.Services.GetRequiredService<RiskTables>().EnsureCreatedAsync(StorageTables.All);
        return host;
    }
}
