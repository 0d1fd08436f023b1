using System.Diagnostics;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Azurite;

public sealed class AzuriteServerTests
{
    [Fact]
    public async Task StartAsync_TwoDedicatedInstances_AnswerOnOwnPortsAndStopOnDispose()
    {
        var first = await AzuriteServer.StartAsync();
        var second = await AzuriteServer.StartAsync();
        int[] processIds = [first.ProcessId, second.ProcessId];
        try
        {
            Assert.NotEqual(first.TablePort, second.TablePort);
            await new TableServiceClient(first.ConnectionString).CreateTableIfNotExistsAsync("probe");
            await new TableServiceClient(second.ConnectionString).CreateTableIfNotExistsAsync("probe");
        }
        finally
        {
            first.Dispose();
            second.Dispose();
        }

        Assert.True(first.HasExited && second.HasExited);
        Assert.All(processIds, id => Assert.Throws<ArgumentException>(() => Process.GetProcessById(id)));
    }

    [Fact]
    public async Task StartAsync_ParentGoneAway_AzuriteExitsByItself()
    {
        using var server = await AzuriteServer.StartAsync();

        server.CloseLifeline();

        var deadline = Stopwatch.StartNew();
        while (!server.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50);
        }

        Assert.True(server.HasExited);
    }

    [Fact]
    public async Task Fixture_TwoInstances_GetDistinctValidPrefixes()
    {
        var a = new AzuriteFixture();
        var b = new AzuriteFixture();
        await a.InitializeAsync();
        await b.InitializeAsync();

        Assert.NotEqual(a.TablePrefix, b.TablePrefix);
        Assert.Matches(new Regex("^[A-Za-z][A-Za-z0-9]{2,62}$"), a.TableName("Actions"));
        Assert.Same(a.Server, b.Server);
    }
}
