using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Compatibility;

/// <summary>The service's tables under a prefix, as the repositories reach them.</summary>
internal static class CompatibilityTables
{
    public static async Task<RiskTables> CreateAsync(AzuriteFixture azurite, string prefix)
    {
        var tables = new RiskTables(azurite.CreateServiceClient(), prefix);
        await tables.EnsureCreatedAsync(StorageTables.All);
        return tables;
    }
}
