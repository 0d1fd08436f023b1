using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Models;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Storage.Tests.Actions;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.TableSupport;

/// <summary>
/// With storage down, a repository call on the request path fails within the bound a request must answer in
/// (5 s), as <see cref="StorageUnavailableException"/>, instead of spending the retry schedule.
/// </summary>
public sealed class StorageUnavailableTests
{
    /// <summary>What a request needing storage must answer within when storage is down.</summary>
    private static readonly TimeSpan RequestBound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task GetRecommendationDocument_NothingListening_FailsAsStorageUnavailableWithinTheBound()
    {
        var repository = new ActionRepository(Tables(ClosedPort()));
        var stopwatch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            repository.GetRecommendationDocumentAsync("tenant", new string('a', 64)));

        Assert.True(stopwatch.Elapsed < RequestBound, $"took {stopwatch.Elapsed}");
        Assert.Equal(0, ex.Status);
    }

    [Fact]
    public async Task TryAdd_ServerNeverAnswers_FailsAsStorageUnavailableWithinTheBound()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        using var stop = new CancellationTokenSource();
        var connections = new ConcurrentQueue<Socket>();
        var accepting = AcceptSilentlyAsync(silent, connections, stop.Token);
        var repository = new ActionRepository(Tables(((IPEndPoint)silent.LocalEndpoint).Port));
        var stopwatch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<StorageUnavailableException>(() => repository.TryAddAsync(StoredActions.Create()));

        Assert.True(stopwatch.Elapsed < RequestBound, $"took {stopwatch.Elapsed}");
        Assert.Equal(0, ex.Status);
        await stop.CancelAsync();
        await accepting;

        // An insert that may have reached the server is not sent again.
        Assert.Single(connections);
    }

    [Fact]
    public async Task GetCurrentModel_ServerNeverAnswers_FailsAsStorageUnavailableWithinTheBound()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        using var stop = new CancellationTokenSource();
        var connections = new ConcurrentQueue<Socket>();
        var accepting = AcceptSilentlyAsync(silent, connections, stop.Token);
        var store = new TenantModelStore(ModelContainerFactory.Create(new StorageOptions
        {
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.AccountName};AccountKey={AzuriteServer.AccountKey};BlobEndpoint=http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/{AzuriteServer.AccountName};",
        }));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.GetCurrentAsync("tenant"));

        Assert.True(stopwatch.Elapsed < RequestBound, $"took {stopwatch.Elapsed}");
        await stop.CancelAsync();
        await accepting;
    }

    /// <summary>Accepts connections and never answers, like a storage endpoint that hangs.</summary>
    private static async Task AcceptSilentlyAsync(TcpListener listener, ConcurrentQueue<Socket> connections, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                connections.Enqueue(await listener.AcceptSocketAsync(stop));
            }
        }
        catch (OperationCanceledException)
        {
            foreach (var socket in connections)
            {
                socket.Dispose();
            }
        }
    }

    private static RiskTables Tables(int port) => RiskTables.Create(new StorageOptions
    {
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.AccountName};AccountKey={AzuriteServer.AccountKey};TableEndpoint=http://127.0.0.1:{port}/{AzuriteServer.AccountName};",
    });

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
