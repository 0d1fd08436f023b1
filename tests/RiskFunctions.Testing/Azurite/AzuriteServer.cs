using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RiskFunctions.Testing.Azurite;

/// <summary>
/// A real Azurite Table service (the repository's pinned <c>azurite-table</c>) running in memory on a free loopback
/// port, stopped by PID (whole process tree) on dispose. If the test process dies without disposing, Azurite exits
/// by itself when its stdin pipe closes, so a crashed run leaves nothing behind.
/// </summary>
public sealed class AzuriteServer : IDisposable
{
    /// <summary>Azurite's well-known development account and key (public, documented by Microsoft).</summary>
    public const string AccountName = "devstoreaccount1";

    /// <inheritdoc cref="AccountName"/>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const int MaxStartAttempts = 5;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Loaded by node before Azurite's own code: exit when the parent (this test process) goes away.</summary>
    private const string WatchdogScript =
        "process.stdin.on('end', () => process.exit(0));\n" +
        "process.stdin.on('error', () => process.exit(0));\n" +
        "process.stdin.resume();\n";

    private static readonly Lazy<Task<AzuriteServer>> Shared = new(StartSharedAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Process _process;
    private int _disposed;

    private AzuriteServer(Process process, int port)
    {
        _process = process;
        TablePort = port;
        TableEndpoint = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/{AccountName}");
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={TableEndpoint};";
    }

    /// <summary>The Table service port on 127.0.0.1.</summary>
    public int TablePort { get; }

    /// <summary>The table endpoint, path-style: <c>http://127.0.0.1:{port}/devstoreaccount1</c>.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>A storage connection string for the development account on this instance.</summary>
    public string ConnectionString { get; }

    /// <summary>The operating-system process id of Azurite.</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// The one instance of this test process, started on first use and stopped when the process exits. Test classes
    /// share it and isolate themselves with their own table names.
    /// </summary>
    public static Task<AzuriteServer> GetSharedAsync() => Shared.Value;

    /// <summary>Starts a dedicated instance (dispose it yourself); prefer <see cref="GetSharedAsync"/>.</summary>
    public static async Task<AzuriteServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var root = await NodeTools.EnsureAsync(cancellationToken);
        var executable = Path.Combine(root, "node_modules", ".bin", "azurite-table");
        var watchdog = WriteWatchdog();
        Exception? lastFailure = null;
        for (var attempt = 1; attempt <= MaxStartAttempts; attempt++)
        {
            // Another process may take the port between probing and binding; Azurite then exits and we try again.
            // Any other start-up failure is not retried.
            try
            {
                return await StartOnceAsync(executable, watchdog, FindFreePort(), cancellationToken);
            }
            catch (AzuriteStartException ex)
            {
                lastFailure = ex;
            }
        }

        throw new InvalidOperationException($"Azurite did not start after {MaxStartAttempts} attempts.", lastFailure);
    }

    /// <summary>Whether the Azurite process has exited.</summary>
    public bool HasExited => Volatile.Read(ref _disposed) == 1 || _process.HasExited;

    /// <summary>Kills Azurite and its children by PID.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

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
            _process.Dispose();
        }
    }

    /// <summary>Closes Azurite's stdin as the death of this process would, to prove that it then exits.</summary>
    internal void CloseLifeline() => _process.StandardInput.Close();

    private static async Task<AzuriteServer> StartSharedAsync()
    {
        var server = await StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }

    private static async Task<AzuriteServer> StartOnceAsync(string executable, string watchdog, int port, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            // In-memory persistence writes nothing; the temp directory keeps any stray file out of the checkout.
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--inMemoryPersistence", "--tableHost", "127.0.0.1", "--tablePort", port.ToString(CultureInfo.InvariantCulture),
            "--skipApiVersionCheck", "--disableTelemetry",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["NODE_OPTIONS"] = $"--require \"{watchdog}\"";

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new ConcurrentQueue<string>();
        var readyLine = $"successfully started on 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            while (output.Count > 200 && output.TryDequeue(out string? _))
            {
            }

            if (e.Data.Contains(readyLine, StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        process.Exited += (_, _) =>
        {
            var log = string.Join('\n', output);
            var message = $"Azurite exited during start-up on port {port}:\n{log}";
            ready.TrySetException(log.Contains("EADDRINUSE", StringComparison.Ordinal)
                ? new AzuriteStartException(message)
                : new InvalidOperationException(message));
        };

        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {executable}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AzuriteServer(process, port);
        try
        {
            await ready.Task.WaitAsync(StartTimeout, cancellationToken);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    internal static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string WriteWatchdog()
    {
        var path = Path.Combine(Path.GetTempPath(), "riskfunctions-azurite-watchdog.js");
        if (!File.Exists(path) || File.ReadAllText(path) != WatchdogScript)
        {
            // Write-then-rename so that a parallel test process never loads a half-written file.
            var temporary = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            File.WriteAllText(temporary, WatchdogScript);
            File.Move(temporary, path, overwrite: true);
        }

        return path;
    }

    private sealed class AzuriteStartException(string message) : Exception(message);
}
