using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Azure.Storage.Blobs;
using RiskFunctions.Testing.Processes;

namespace RiskFunctions.Testing.Azurite;

/// <summary>
/// Azurite's Blob service, in memory, on a free port, shared by the test process (the table server is
/// <see cref="AzuriteServer"/>); killed with the process, or by the watchdog when the test process dies.
/// </summary>
public sealed class AzuriteBlobServer : IDisposable
{
    private static readonly Lazy<Task<AzuriteBlobServer>> Shared = new(StartSharedAsync);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly ProcessWatchdog _watchdog;

    private AzuriteBlobServer(Process process, int port)
    {
        _process = process;
        _watchdog = ProcessWatchdog.Start(process.Id);
        Port = port;
        ConnectionString = string.Create(
            CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.AccountName};AccountKey={AzuriteServer.AccountKey};BlobEndpoint=http://127.0.0.1:{port}/{AzuriteServer.AccountName};");
    }

    public int Port { get; }

    public string ConnectionString { get; }

    /// <summary>The process-wide instance, started on first use.</summary>
    public static Task<AzuriteBlobServer> GetSharedAsync() => Shared.Value;

    /// <summary>A container of its own for a test (the name is new each call).</summary>
    public async Task<BlobContainerClient> CreateContainerAsync(string prefix = "test")
    {
        var container = new BlobServiceClient(ConnectionString).GetBlobContainerClient(prefix + Guid.NewGuid().ToString("N"));
        await container.CreateIfNotExistsAsync();
        return container;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _watchdog.Dispose();
            _process.Dispose();
        }
    }

    private static async Task<AzuriteBlobServer> StartSharedAsync()
    {
        var root = await NodeTools.EnsureAsync();
        var port = AzuriteServer.FindFreePort();
        var startInfo = new ProcessStartInfo(Path.Combine(root, "node_modules", ".bin", "azurite-blob"))
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--inMemoryPersistence", "--blobHost", "127.0.0.1", "--blobPort", port.ToString(CultureInfo.InvariantCulture),
            "--skipApiVersionCheck", "--disableTelemetry",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start azurite-blob.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AzuriteBlobServer(process, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();

        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"azurite-blob exited during start-up on port {port}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return server;
            }
            catch (SocketException) when (clock.Elapsed < StartTimeout)
            {
                await Task.Delay(100);
            }
        }
    }
}
