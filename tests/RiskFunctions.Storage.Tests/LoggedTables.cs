using Azure.Core;
using Azure.Data.Tables;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests;

/// <summary>Tables on the shared Azurite through a client whose every request is recorded, to tell what a repository sent.</summary>
internal static class LoggedTables
{
    /// <summary>Creates <paramref name="names"/> under <paramref name="prefix"/> (the test class's by default) and starts the log empty.</summary>
    public static async Task<(RiskTables Tables, TableRequestLog Log)> CreateAsync(AzuriteFixture azurite, IReadOnlyList<string> names, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var log = new TableRequestLog();
        var options = new TableClientOptions();
        options.AddPolicy(log, HttpPipelinePosition.PerRetry);
        var tables = new RiskTables(azurite.CreateServiceClient(options), prefix ?? azurite.TablePrefix);
        await tables.EnsureCreatedAsync(names);
        log.Clear();
        return (tables, log);
    }
}
