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
}
