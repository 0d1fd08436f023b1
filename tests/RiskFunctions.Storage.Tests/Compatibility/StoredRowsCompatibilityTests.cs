using Azure.Data.Tables;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Campaigns;
using RiskFunctions.Storage.Outbox;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Compatibility;

/// <summary>
/// Rows written by the first storage client (kept as the JSON bodies it sent) read the same through today's
/// storage code: every property with its Edm type and exact value, and every repository's view of them.
/// </summary>
public sealed class StoredRowsCompatibilityTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public void StoredRows_CoverEveryTable()
    {
        var stored = StoredRows.Load();

        // The ring and campaign tables and the outbox came after the first storage client: it never wrote a row there.
        Assert.Equal(StorageTables.All.Except([.. CampaignTables.All, OutboxTable.OutboxTableName]).Order(StringComparer.Ordinal), stored.Keys);
        Assert.All(stored, table => Assert.NotEmpty(table.Value));
    }

    [Fact]
    public async Task StoredRows_ReadThroughTheSdk_KeepTypesValuesAndPrecision()
    {
        var prefix = azurite.NewTablePrefix();
        var service = new TableServiceClient(azurite.ConnectionString, StoredRowsLoader.Options());
        foreach (var (table, rows) in StoredRows.Load())
        {
            var client = service.GetTableClient(prefix + table);
            await client.CreateIfNotExistsAsync();
            foreach (var row in rows)
            {
                await StoredRowsLoader.InsertAsync(client, row);
                var read = await client.GetEntityAsync<TableEntity>((string)row["PartitionKey"]!, (string)row["RowKey"]!);
                StoredPropertyAssert.Equal(row, read.Value);
            }
        }
    }

    [Fact]
    public async Task StoredRows_ReadThroughTheRepositories_AreTheScenarioWritten()
    {
        var prefix = azurite.NewTablePrefix();
        var service = new TableServiceClient(azurite.ConnectionString, StoredRowsLoader.Options());
        foreach (var (table, rows) in StoredRows.Load())
        {
            var client = service.GetTableClient(prefix + table);
            await client.CreateIfNotExistsAsync();
            foreach (var row in rows)
            {
                await StoredRowsLoader.InsertAsync(client, row);
            }
        }

        // Links and the reputation of users, devices and addresses move into the subject states at the upgrade, and the
        // population counts into their buckets.
        var tables = await CompatibilityTables.CreateAsync(azurite, prefix);
        await new SubjectStateMigration(tables).RunAsync();
        await new PopulationMigration(tables).RunAsync();
        await CompatibilityScenario.VerifyAsync(tables);
    }
}
