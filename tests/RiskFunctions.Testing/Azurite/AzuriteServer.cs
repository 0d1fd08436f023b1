using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RiskFunctions.Testing.Processes;

namespace RiskFunctions.Testing.Azurite;

/// <summary>
/// A real Azurite Table service (the repository's pinned <c>azurite-table</c>) on a loopback port, in memory or on a
/// data directory. It never outlives its owner: it is killed (resumed first if stopped, with its process tree) on
/// dispose, on <see cref="AppDomain.ProcessExit"/>, when <see cref="AzuriteServerOptions.Lifetime"/> is cancelled,
/// and by a <see cref="ProcessWatchdog"/> when the test process dies without running any of those.
/// </summary>
public sealed class AzuriteServer : IDisposable
{
    /// <summary>Azurite's well-known development account and key (public, documented by Microsoft).</summary>
    public const string AccountName = "devstoreaccount1";

    /// <inheritdoc cref="AccountName"/>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const int MaxStartAttempts = 5;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(30);

    private static readonly Lazy<Task<AzuriteServer>> Shared = new(() => StartAsync(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _executable;
    private readonly AzuriteServerOptions _options;
    private readonly string _location;
    private readonly bool _ownsLocation;
    private readonly EventHandler _onProcessExit;
    private readonly Lock _gate = new();
    private CancellationTokenRegistration _lifetime;
    private AzuriteInstance? _instance;
    private int _disposed;

    private AzuriteServer(string executable, AzuriteServerOptions options, string location, bool ownsLocation, int port)
    {
        _executable = executable;
        _options = options;
        _location = location;
        _ownsLocation = ownsLocation;
        TablePort = port;
        TableEndpoint = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/{AccountName}");
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={TableEndpoint};";
        _onProcessExit = (_, _) => Dispose();
    }

    /// <summary>The Table service port on 127.0.0.1 (kept across <see cref="RestartAsync"/>).</summary>
    public int TablePort { get; }

    /// <summary>The table endpoint, path-style: <c>http://127.0.0.1:{port}/devstoreaccount1</c>.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>A storage connection string for the development account on this instance.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Azurite's working directory and, when persisted, its <c>--location</c>: the data directory, otherwise a
    /// directory of its own. It tells this instance's process from any other (see <see cref="AzuriteProcesses"/>).
    /// </summary>
    public string Location => _location;

    /// <summary>The operating-system process id of the running Azurite.</summary>
    public int ProcessId => Current.Process.Id;

    /// <summary>Whether the Azurite process has exited (or was never restarted after a stop).</summary>
    public bool HasExited
    {
        get
        {
            lock (_gate)
            {
                return Volatile.Read(ref _disposed) == 1 || _instance is null || _instance.Process.HasExited;
            }
        }
    }

    private AzuriteInstance Current
    {
        get
        {
            lock (_gate)
            {
                return _instance ?? throw new InvalidOperationException("Azurite is stopped.");
            }
        }
    }

    /// <summary>
    /// The one instance of this test process, in memory, started on first use and stopped when the process exits.
    /// Test classes share it and isolate themselves with their own table names.
    /// </summary>
    public static Task<AzuriteServer> GetSharedAsync() => Shared.Value;

    /// <summary>Starts a dedicated in-memory instance (dispose it yourself); prefer <see cref="GetSharedAsync"/>.</summary>
    public static Task<AzuriteServer> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(new AzuriteServerOptions(), cancellationToken);

    /// <summary>Starts a dedicated instance as <paramref name="options"/> say (dispose it yourself).</summary>
    public static async Task<AzuriteServer> StartAsync(AzuriteServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = await NodeTools.EnsureAsync(cancellationToken);
        var executable = Path.Combine(root, "node_modules", ".bin", "azurite-table");
        var ownsLocation = options.DataDirectory is null;
        var location = Path.GetFullPath(options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "azurite-" + Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(location);
        Exception? lastFailure = null;
        for (var attempt = 1; attempt <= MaxStartAttempts; attempt++)
        {
            // Another process may take the port between probing and binding; Azurite then exits and we try again.
            // Any other start-up failure is not retried.
            var server = new AzuriteServer(executable, options, location, ownsLocation, FindFreePort());
            try
            {
                await server.StartInstanceAsync(cancellationToken);
                server.Watch();
                return server;
            }
            catch (AzuriteStartException ex)
            {
                lastFailure = ex;
                server.Dispose(deleteLocation: false);
            }
            catch
            {
                server.Dispose();
                throw;
            }
        }

        if (ownsLocation)
        {
            Directory.Delete(location, recursive: true);
        }

        throw new InvalidOperationException($"Azurite did not start after {MaxStartAttempts} attempts.", lastFailure);
    }

    /// <summary>Freezes Azurite (SIGSTOP): connections stay open and nothing answers, as with a hung service.</summary>
    public void Suspend() => ProcessSignals.Stop(ProcessId);

    /// <summary>Resumes a suspended Azurite (SIGCONT).</summary>
    public void Resume() => ProcessSignals.Continue(ProcessId);

    /// <summary>
    /// Stops Azurite as Ctrl+C does (SIGINT, after resuming it): it closes its listener and saves its tables, so
    /// nothing it acknowledged is lost. Connections are then refused until <see cref="RestartAsync"/>.
    /// </summary>
    /// <exception cref="TimeoutException">Azurite did not close in time; it was killed, and unsaved data may be lost.</exception>
    public async Task StopGracefullyAsync(CancellationToken cancellationToken = default)
    {
        var instance = Current;
        ProcessSignals.Continue(instance.Process.Id);
        ProcessSignals.Interrupt(instance.Process.Id);
        try
        {
            await instance.Process.WaitForExitAsync(cancellationToken).WaitAsync(CloseTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            instance.Kill();
            throw new TimeoutException($"Azurite did not close within {CloseTimeout} of SIGINT and was killed.");
        }
        finally
        {
            lock (_gate)
            {
                _instance = null;
            }

            instance.Dispose();
        }
    }

    /// <summary>Starts Azurite again after <see cref="StopGracefullyAsync"/>, on the same port and data directory.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        lock (_gate)
        {
            if (_instance is not null)
            {
                throw new InvalidOperationException("Azurite is still running; stop it first.");
            }
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartInstanceAsync(cancellationToken);
                return;
            }
            catch (AzuriteStartException) when (attempt < MaxStartAttempts)
            {
                // The port was just released; a socket of the old instance may still hold it for a moment.
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>Kills Azurite (resumed first if stopped) and its children, and the directory it was given if it is its own.</summary>
    public void Dispose() => Dispose(deleteLocation: true);

    private void Dispose(bool deleteLocation)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
        _lifetime.Dispose();
        AzuriteInstance? instance;
        lock (_gate)
        {
            instance = _instance;
            _instance = null;
        }

        instance?.Kill();
        instance?.Dispose();
        if (deleteLocation && _ownsLocation && Directory.Exists(_location))
        {
            try
            {
                Directory.Delete(_location, recursive: true);
            }
            catch (IOException)
            {
                // A file still being released; it is only a temp directory.
            }
        }
    }

    /// <summary>Ties this instance's life to the test process and to the caller's lifetime token.</summary>
    private void Watch()
    {
        AppDomain.CurrentDomain.ProcessExit += _onProcessExit;
        _lifetime = _options.Lifetime.Register(Dispose);
    }

    private async Task StartInstanceAsync(CancellationToken cancellationToken)
    {
        var instance = AzuriteInstance.Start(_executable, Arguments(), _location, TablePort, _options.OwnerProcessId);
        lock (_gate)
        {
            _instance = instance;
        }

        try
        {
            await instance.Ready.WaitAsync(StartTimeout, cancellationToken);
        }
        catch
        {
            lock (_gate)
            {
                _instance = null;
            }

            instance.Kill();
            instance.Dispose();
            throw;
        }
    }

    private List<string> Arguments()
    {
        List<string> arguments =
        [
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(CultureInfo.InvariantCulture),
            "--skipApiVersionCheck", "--disableTelemetry",

            // No access log: a line per request costs Azurite's one JavaScript thread about a tenth of its time under load.
            "--silent",
        ];
        // Azurite refuses a --location with in-memory persistence; there the working directory is its own anyway.
        arguments.AddRange(_options.DataDirectory is null ? ["--inMemoryPersistence"] : ["--location", _location]);
        return arguments;
    }

    internal static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>One Azurite process and its watchdog.</summary>
    private sealed class AzuriteInstance : IDisposable
    {
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<string> _output = new();
        private ProcessWatchdog? _watchdog;

        private AzuriteInstance(Process process) => Process = process;

        public Process Process { get; }

        /// <summary>Completes when Azurite says it listens; fails if it exits first.</summary>
        public Task Ready => _ready.Task;

        public static AzuriteInstance Start(string executable, IEnumerable<string> arguments, string location, int port, int? ownerId)
        {
            var startInfo = new ProcessStartInfo(executable)
            {
                WorkingDirectory = location,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            startInfo.Environment["NODE_OPTIONS"] = WithHeapLimit(startInfo.Environment.TryGetValue("NODE_OPTIONS", out var options) ? options : null);
            var instance = new AzuriteInstance(new Process { StartInfo = startInfo, EnableRaisingEvents = true });
            var readyLine = $"successfully started on 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
            instance.Process.OutputDataReceived += (_, e) => instance.Collect(e.Data, readyLine);
            instance.Process.ErrorDataReceived += (_, e) => instance.Collect(e.Data, readyLine);
            instance.Process.Exited += (_, _) => instance.OnExited(port);
            if (!instance.Process.Start())
            {
                throw new InvalidOperationException($"Could not start {executable}.");
            }

            instance._watchdog = ProcessWatchdog.Start(instance.Process.Id, ownerId);
            instance.Process.BeginOutputReadLine();
            instance.Process.BeginErrorReadLine();
            return instance;
        }

        /// <summary>
        /// Azurite holds every table in its one Node heap, and Node's default limit (about 4 GiB on this kind of machine)
        /// ends a long benchmark import near 300,000 events. Half the machine's memory instead, unless the caller chose a
        /// limit: a limit reserves nothing, and the tests' tables never come near either.
        /// </summary>
        private static string WithHeapLimit(string? options)
        {
            if (options?.Contains("--max-old-space-size", StringComparison.Ordinal) == true)
            {
                return options;
            }

            var halfMebibytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2 / (1024 * 1024);
            return $"{options} --max-old-space-size={halfMebibytes.ToString(CultureInfo.InvariantCulture)}".TrimStart();
        }

        /// <summary>Resumes (a stopped process only dies of SIGKILL, and stays stopped for anything else) and kills the tree.</summary>
        public void Kill()
        {
            try
            {
                if (!Process.HasExited)
                {
                    ProcessSignals.Continue(Process.Id);
                    Process.Kill(entireProcessTree: true);
                    Process.WaitForExit(TimeSpan.FromSeconds(10));
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        public void Dispose()
        {
            _watchdog?.Dispose();
            Process.Dispose();
        }

        private void Collect(string? line, string readyLine)
        {
            if (line is null)
            {
                return;
            }

            _output.Enqueue(line);
            while (_output.Count > 200 && _output.TryDequeue(out string? _))
            {
            }

            if (line.Contains(readyLine, StringComparison.Ordinal))
            {
                _ready.TrySetResult();
            }
        }

        private void OnExited(int port)
        {
            var log = string.Join('\n', _output);
            var message = $"Azurite exited during start-up on port {port}:\n{log}";
            _ready.TrySetException(log.Contains("EADDRINUSE", StringComparison.Ordinal)
                ? new AzuriteStartException(message)
                : new InvalidOperationException(message));
        }
    }

    private sealed class AzuriteStartException(string message) : Exception(message);
}
