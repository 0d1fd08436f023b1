using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RiskFunctions.Functions.Health;
using RiskFunctions.Storage;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Functions.Tests.Health;

public sealed class StorageReadinessCheckTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Check_NoStorageRegistered_IsHealthy()
    {
        var result = await CheckAsync(tables: null);

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task Check_AzuriteRunning_IsHealthy()
    {
        var result = await CheckAsync(RiskTables.Create(new StorageOptions { ConnectionString = azurite.ConnectionString }));

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task Check_NothingListening_IsUnhealthy()
    {
        var closedPort = ClosedPort();
        var connection = azurite.ConnectionString.Replace($":{azurite.Server.TablePort}/", $":{closedPort}/", StringComparison.Ordinal);

        var result = await CheckAsync(RiskTables.Create(new StorageOptions { ConnectionString = connection }));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.StartsWith("table storage unreachable (", result.Description, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Description!);
        Assert.Null(result.Exception);
    }

    private static async Task<HealthCheckResult> CheckAsync(RiskTables? tables)
    {
        var services = new ServiceCollection();
        if (tables is not null)
        {
            services.AddSingleton(tables);
        }

        await using var provider = services.BuildServiceProvider();
        var check = new StorageReadinessCheck(provider);
        return await check.CheckHealthAsync(new HealthCheckContext
        {
            Registration = new HealthCheckRegistration("storage", check, HealthStatus.Unhealthy, [HealthApi.ReadyTag]),
        });
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
