using Azure;
using RiskFunctions.Storage.Tables;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Tables;

public sealed class TableServiceClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task CreateTableIfNotExists_CalledTwice_SecondCallSucceedsAsConflict()
    {
        var service = azurite.CreateServiceClient();
        var name = azurite.TableName("Twice");

        var first = await service.CreateTableIfNotExistsAsync(name);
        var second = await service.CreateTableIfNotExistsAsync(name);

        Assert.Equal(204, first.Status);
        Assert.Equal(409, second.Status);
    }

    [Fact]
    public async Task DeleteTable_Existing_RemovesItAndItsEntities()
    {
        var service = azurite.CreateServiceClient();
        var table = await azurite.CreateTableAsync("Doomed");
        await table.AddEntityAsync(new TableEntity("p", "r"));

        await service.DeleteTableAsync(table.Name);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "r"));
        Assert.Equal(404, ex.Status);
    }

    [Fact]
    public async Task DeleteTable_Missing_ReturnsNotFoundWithoutThrowing()
    {
        var response = await azurite.CreateServiceClient().DeleteTableAsync(azurite.TableName("NeverCreated"));

        Assert.Equal(404, response.Status);
    }

    [Fact]
    public async Task QueryTables_PrefixFilter_ListsOnlyThisPrefix()
    {
        var service = azurite.CreateServiceClient();
        var prefix = azurite.NewTablePrefix();
        foreach (var suffix in new[] { "A1", "B2", "C3" })
        {
            await service.CreateTableIfNotExistsAsync(prefix + suffix);
        }

        var names = new List<string>();
        await foreach (var table in service.QueryTablesAsync(TableFilter.PrefixRange("TableName", prefix), maxPerPage: 2))
        {
            names.Add(table.Name);
        }

        Assert.Equal([prefix + "A1", prefix + "B2", prefix + "C3"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnyOperation_WrongAccountKey_Throws403WithErrorCode()
    {
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var service = new TableServiceClient(
            azurite.TableEndpoint,
            new TableSharedKeyCredential(AzuriteServer.AccountName, wrongKey),
            new TableClientOptions { Retry = { MaxRetries = 0 } });

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => service.CreateTableIfNotExistsAsync(azurite.TableName("Forbidden")));

        Assert.Equal(403, ex.Status);
        Assert.False(string.IsNullOrEmpty(ex.ErrorCode));
    }

    [Fact]
    public async Task GetTableClient_SharesPipeline_AndWorksWithDevelopmentStorageShape()
    {
        var connection = $"UseDevelopmentStorage=true;TableEndpoint={azurite.TableEndpoint}";
        var table = new TableServiceClient(connection).GetTableClient(azurite.TableName("DevStorage"));

        await table.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });

        Assert.Equal(1, (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("V"));
    }

    [Fact]
    public void GetTableClient_InvalidName_Throws()
    {
        var service = azurite.CreateServiceClient();

        Assert.Throws<ArgumentException>(() => service.GetTableClient("has-dash"));
        Assert.Throws<ArgumentException>(() => service.GetTableClient("1starts"));
        Assert.Throws<ArgumentException>(() => service.GetTableClient("ab"));
    }
}
