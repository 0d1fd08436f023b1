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
    public async Task StartAsync_Dedicated_GivesAzuritesHeapHalfTheMachinesMemoryUnlessTheCallerChoseALimit()
    {
        using var server = await AzuriteServer.StartAsync();

        var environment = (await File.ReadAllTextAsync($"/proc/{server.ProcessId}/environ")).Split('\0');

        // A limit the caller set (NODE_OPTIONS of this process) is kept; otherwise half the machine's memory.
        var callers = Environment.GetEnvironmentVariable("NODE_OPTIONS");
        var expected = callers?.Contains("--max-old-space-size", StringComparison.Ordinal) == true
            ? callers
            : $"--max-old-space-size={GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2 / (1024 * 1024)}";
        var options = Assert.Single(environment, variable => variable.StartsWith("NODE_OPTIONS=", StringComparison.Ordinal));
        Assert.Contains(expected, options, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_OwnerKilledWhileAzuriteIsSuspended_AzuriteDoesNotSurvive()
    {
        // A stand-in for a test process that dies hard (SIGKILL): no Dispose, no ProcessExit handler runs.
        using var owner = Process.Start("sleep", "600");
        using var server = await AzuriteServer.StartAsync(new AzuriteServerOptions { OwnerProcessId = owner.Id });
        server.Suspend();

        owner.Kill();

        await AssertNoAzuriteAsync(server.Location);
    }

    [Fact]
    public async Task Dispose_WhileSuspended_LeavesNoAzurite()
    {
        var server = await AzuriteServer.StartAsync();
        var location = server.Location;
        server.Suspend();

        server.Dispose();

        Assert.Empty(AzuriteProcesses.WithLocation(location));
    }

    [Fact]
    public async Task Fixture_LifetimeCancelledWhileSuspended_LeavesNoAzurite()
    {
        using var lifetime = new CancellationTokenSource();
        var data = Directory.CreateTempSubdirectory("azurite-data-");
        try
        {
            var fixture = AzuriteFixture.Dedicated(new AzuriteServerOptions { DataDirectory = data.FullName, Lifetime = lifetime.Token });
            await fixture.InitializeAsync();
            Assert.NotEmpty(AzuriteProcesses.WithLocation(data.FullName));
            fixture.Server.Suspend();

            await lifetime.CancelAsync();

            Assert.Empty(AzuriteProcesses.WithLocation(data.FullName));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task StopGracefully_ThenRestart_KeepsEveryAcknowledgedWrite()
    {
        var data = Directory.CreateTempSubdirectory("azurite-data-");
        try
        {
            using var server = await AzuriteServer.StartAsync(new AzuriteServerOptions { DataDirectory = data.FullName });
            var table = new TableServiceClient(server.ConnectionString).GetTableClient("kept");
            await table.CreateIfNotExistsAsync();
            // Written just before the stop, well inside Azurite's 5 s save interval: only the save on close keeps it.
            await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = 42 });

            await server.StopGracefullyAsync();
            Assert.True(server.HasExited);
            await server.RestartAsync();

            var entity = await new TableServiceClient(server.ConnectionString).GetTableClient("kept").GetEntityAsync<TableEntity>("p", "r");
            Assert.Equal(42, entity.Value.GetInt32("Value"));
        }
        finally
        {
            data.Delete(recursive: true);
        }
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

    /// <summary>Polls, bounded: the watchdog checks its owner twice a second.</summary>
    private static async Task AssertNoAzuriteAsync(string location)
    {
        for (var attempt = 0; attempt < 200 && AzuriteProcesses.WithLocation(location).Count > 0; attempt++)
        {
            await Task.Delay(100);
        }

        Assert.Empty(AzuriteProcesses.WithLocation(location));
    }
}
