using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests;

/// <summary>Every table of the service on the shared Azurite, under a prefix of this test class.</summary>
internal static class RiskTablesFixture
{
    public static IReadOnlyList<string> AllTables => StorageTables.All;

    public static async Task<RiskTables> CreateAsync(AzuriteFixture azurite)
    {
        var tables = new RiskTables(azurite.CreateServiceClient(), azurite.TablePrefix);
        await tables.EnsureCreatedAsync(AllTables);
        return tables;
    }

    /// <summary>The tables of <see cref="CreateAsync(AzuriteFixture)"/> through a client that runs <paramref name="policies"/> on every attempt.</summary>
    public static async Task<RiskTables> CreateAsync(AzuriteFixture azurite, params HttpPipelinePolicy[] policies)
    {
        await CreateAsync(azurite);
        var options = new TableClientOptions();
        foreach (var policy in policies)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }

        return new RiskTables(azurite.CreateServiceClient(options), azurite.TablePrefix);
    }
}
