using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Moq;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Storage.Tests.TableSupport;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests;

public sealed class RiskTablesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData(null, null, "exactly one")]
    [InlineData("UseDevelopmentStorage=true", "https://a.table.core.windows.net", "exactly one")]
    public void Validate_ConnectionStringAndEndpoint_ExactlyOneRequired(string? connectionString, string? endpoint, string expected)
    {
        var options = new StorageOptions { ConnectionString = connectionString, TableEndpoint = endpoint is null ? null : new Uri(endpoint) };

        Assert.Contains(options.Validate(), e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("dev-")]
    [InlineData("1dev")]
    public void Validate_InvalidPrefix_Reported(string prefix)
    {
        var options = new StorageOptions { ConnectionString = "UseDevelopmentStorage=true", TablePrefix = prefix };

        Assert.Contains(options.Validate(), e => e.StartsWith("Storage:TablePrefix", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_InvalidOptions_ThrowsWithEveryProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => RiskTables.Create(new StorageOptions { TablePrefix = "-" }));

        Assert.Contains("ConnectionString", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TablePrefix", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ConnectionString_PrefixesEveryTable()
    {
        var prefix = azurite.NewTablePrefix();
        var tables = RiskTables.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = prefix });

        await tables.EnsureCreatedAsync(["Actions", "Labels"]);
        await tables.GetTable("Actions").UpsertEntityAsync(new TableEntity("p", "r"));

        Assert.Equal(prefix + "Actions", tables.GetTable("Actions").Name);
        var names = new List<string>();
        await foreach (var table in tables.Service.QueryAsync(TableFilter.PrefixRange("TableName", prefix)))
        {
            names.Add(table.Name);
        }

        Assert.Equal([prefix + "Actions", prefix + "Labels"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Create_TableEndpoint_AuthenticatesWithTokenCredential()
    {
        var handler = new StubHttpHandler(HttpStatusCode.NoContent);
        var credential = new Mock<TokenCredential>();
        credential.Setup(c => c.GetTokenAsync(It.IsAny<TokenRequestContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Azure.Core.AccessToken("mi-token", DateTimeOffset.MaxValue));
        var tables = RiskTables.Create(
            new StorageOptions { TableEndpoint = new Uri("https://acct.table.core.windows.net"), ManagedIdentityClientId = "client-id" },
            new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) },
            credential.Object);

        await tables.EnsureCreatedAsync(["Actions"]);

        Assert.Equal("Bearer mi-token", Assert.Single(handler.Requests).Headers["Authorization"]);
    }

    [Fact]
    public void Create_DevelopmentStorage_IsTheDefaultAzuriteTablePort()
    {
        var tables = RiskTables.Create(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" });

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), tables.Service.Uri);
    }

    [Fact]
    public async Task Create_ConnectionStringWithExplicitEndpoint_ReachesAzuriteOnItsOwnPort()
    {
        Assert.Contains("TableEndpoint=", azurite.ConnectionString, StringComparison.Ordinal);
        var tables = RiskTables.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = azurite.NewTablePrefix() });

        await tables.EnsureCreatedAsync(["Ports"]);

        Assert.Equal(azurite.TableEndpoint.Port, tables.Service.Uri.Port);
        Assert.NotEqual(10002, tables.Service.Uri.Port);
    }
}
