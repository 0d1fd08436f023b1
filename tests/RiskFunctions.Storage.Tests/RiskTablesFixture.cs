using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Idempotency;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Storage.Reputation;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests;

/// <summary>The service's action, profile, reputation and idempotency tables on the shared Azurite, under a prefix of this test class.</summary>
internal static class RiskTablesFixture
{
    public static IReadOnlyList<string> AllTables { get; } =
        [.. ActionTables.All, .. ProfileTables.All, .. ReputationTables.All, .. IdempotencyTables.All];

    public static async Task<RiskTables> CreateAsync(AzuriteFixture azurite)
    {
        var tables = new RiskTables(azurite.CreateServiceClient(), azurite.TablePrefix);
        await tables.EnsureCreatedAsync(AllTables);
        return tables;
    }
}
