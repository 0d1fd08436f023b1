using System.Text.Json.Nodes;
using RiskFunctions.Storage.Tables;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.Azurite;
using SdkTableEntity = Azure.Data.Tables.TableEntity;

namespace RiskFunctions.Storage.Tests.Compatibility;

/// <summary>
/// What the first storage client writes, the SDK reads the same: every table of the scenario written through the
/// repositories on the first client, read back row by row with both clients. With
/// <c>RISK_WRITE_STORED_ROWS=1</c> it also records the rows as <c>old-client-rows.json</c>.
/// </summary>
public sealed class OldClientCompatibilityTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task OldClientRows_ReadThroughTheSdk_HaveTheSameTypesValuesAndETags()
    {
        var prefix = azurite.NewTablePrefix();
        var tables = new RiskTables(azurite.CreateServiceClient(), prefix);
        await tables.EnsureCreatedAsync(StoredRowsCompatibilityTests.AllTables);
        await CompatibilityScenario.WriteAsync(tables);
        var sdk = TableClientDefaults.CreateServiceClient(new StorageOptions { ConnectionString = azurite.ConnectionString });

        var stored = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        foreach (var table in StoredRowsCompatibilityTests.AllTables)
        {
            var oldRows = new List<TableEntity>();
            await foreach (var row in tables.GetTable(table).QueryAsync<TableEntity>())
            {
                oldRows.Add(row);
            }

            var newRows = new List<SdkTableEntity>();
            await foreach (var row in sdk.GetTableClient(prefix + table).QueryAsync<SdkTableEntity>())
            {
                newRows.Add(row);
            }

            Assert.NotEmpty(oldRows);
            Assert.Equal(oldRows.Count, newRows.Count);
            var rows = new List<JsonObject>();
            foreach (var (old, read) in oldRows.Zip(newRows))
            {
                Assert.Equal((old.PartitionKey, old.RowKey), (read.PartitionKey, read.RowKey));
                Assert.Equal(old.ETag, read.ETag);
                Assert.Equal(old.Timestamp, read.Timestamp);
                var body = JsonNode.Parse(TableEntityJsonWriter.ToUtf8(old).Span)!.AsObject();
                StoredPropertyAssert.Equal(body, read);
                rows.Add(body);
            }

            stored[table] = rows;
        }

        if (Environment.GetEnvironmentVariable("RISK_WRITE_STORED_ROWS") == "1")
        {
            StoredRows.Save(StoredRows.SourcePath(), stored);
        }
    }
}
