using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RiskFunctions.LocalHost.Admin;
using RiskFunctions.LocalHost.Configuration;
using RiskFunctions.LocalHost.Functions;
using RiskFunctions.LocalHost.Http;
using RiskFunctions.LocalHost.ServiceBus;
using RiskFunctions.LocalHost.Timers;
using RiskFunctions.LocalHost.Worker;
using Yarp.ReverseProxy.Forwarder;

namespace RiskFunctions.LocalHost;

/// <summary>
/// A local Azure Functions host for one .NET isolated-worker app: starts the worker as the real host does, talks
/// the language worker protocol to it over gRPC, forwards HTTP to its functions, fires its timers and feeds its
/// Service Bus triggers from in-memory queues. Usable from the command line and, in-process, from tests.
/// </summary>
public sealed class LocalFunctionsHost : IAsyncDisposable
{
    private readonly LocalFunctionsHostOptions _options;
    private readonly WebApplication _app;
    private readonly WorkerChannel _channel;
    private readonly ILogger _logger;
    private readonly List<ServiceBusDispatcher> _dispatchers = [];
    private readonly CancellationTokenSource _stopping = new();
    private WorkerProcess? _worker;
    private HttpFunctionForwarder? _forwarder;
    private TimerScheduler? _timers;
    private int _stopped;

    private LocalFunctionsHost(
        LocalFunctionsHostOptions options, string appDirectory, HostJson hostJson, AppSettings settings, WebApplication app, WorkerChannel channel)
    {
        _options = options;
        AppDirectory = appDirectory;
        HostJson = hostJson;
        Settings = settings;
        _app = app;
        _channel = channel;
        _logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Host.LocalFunctionsHost");
        ServiceBus = new LocalServiceBus(
            options.MaxDeliveryCount
                ?? hostJson.MaxDeliveryCount
                ?? (int.TryParse(settings["LocalServiceBus__MaxDeliveryCount"], out var configured) ? configured : 10),
            options.DuplicateDetectionWindow,
            hostJson.MaxAutoLockRenewalDuration ?? TimeSpan.FromMinutes(5),
            options.TimeProvider,
            options.QueueStorePath);
    }

    /// <summary>Where HTTP functions and the admin endpoints answer, e.g. <c>http://127.0.0.1:7071/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public string AppDirectory { get; }

    public HostJson HostJson { get; }

    public string RoutePrefix => HostJson.RoutePrefix;

    public AppSettings Settings { get; }

    /// <summary>The in-memory queues that feed Service Bus triggers; send here or through the admin endpoint.</summary>
    public LocalServiceBus ServiceBus { get; }

    public IReadOnlyList<LoadedFunction> Functions { get; private set; } = [];

    public int WorkerProcessId => _worker?.Id ?? 0;

    /// <summary>Completes when the worker process exits, expected or not.</summary>
    public Task WorkerExited => _worker?.Exited ?? Task.CompletedTask;

    public bool IsRunning { get; private set; }

    /// <summary>From starting the worker process to its stream opening (most of it is the worker's own start-up).</summary>
    public TimeSpan WorkerConnectTime { get; private set; }

    /// <summary>From starting the worker process to all functions loaded: when the host can serve.</summary>
    public TimeSpan WorkerReadyTime { get; private set; }

    /// <summary>Starts the HTTP and gRPC endpoints, the worker, and the triggers; throws if the worker does not come up.</summary>
    public static async Task<LocalFunctionsHost> StartAsync(LocalFunctionsHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var appDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.AppDirectory));
        var hostJson = HostJson.Load(appDirectory);
        var workerConfig = WorkerConfig.Load(appDirectory);
        var settings = AppSettings.Load(options.SettingsFile, options.Settings);

        ListenOptions? httpListen = null;
        ListenOptions? grpcListen = null;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        HostLogging.Configure(builder.Logging, hostJson, options.ConfigureLogging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestLineSize = options.MaxRequestLineBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = options.MaxRequestHeadersTotalBytes;
            kestrel.Limits.MaxRequestHeaderCount = options.MaxRequestHeaderCount;

            // The app's answers carry no Server header; a developer tool in front of it should not add one.
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.ListenAddress, options.Port, listen =>
            {
                // HTTP/1.1 only: without TLS, browsers and HTTP clients cannot negotiate HTTP/2 anyway.
                listen.Protocols = HttpProtocols.Http1;
                httpListen = listen;
            });
            // The worker's gRPC client speaks HTTP/2 without TLS, which needs an HTTP/2-only endpoint.
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                grpcListen = listen;
            });
        });
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = null;
            grpc.MaxSendMessageSize = null;
        });
        builder.Services.AddHttpForwarder();
        var workerId = Guid.NewGuid().ToString();
        builder.Services.AddSingleton(services => new WorkerChannel(workerId, services.GetRequiredService<ILogger<WorkerChannel>>()));

        var app = builder.Build();
        var host = new LocalFunctionsHost(options, appDirectory, hostJson, settings, app, app.Services.GetRequiredService<WorkerChannel>());
        try
        {
            await host.StartCoreAsync(workerConfig, () => (httpListen!, grpcListen!), cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a non-HTTP function once, now, without waiting for it (the admin endpoint's behaviour).</summary>
    internal AdminInvokeOutcome InvokeNow(string functionName, string? input)
    {
        var function = Functions.FirstOrDefault(f => string.Equals(f.Name, functionName, StringComparison.OrdinalIgnoreCase));
        if (function is null)
        {
            return AdminInvokeOutcome.NotFound;
        }

        if (function.IsHttp)
        {
            return AdminInvokeOutcome.HttpFunction;
        }

        _ = Task.Run(async () =>
        {
            var response = await TriggerInvoker.InvokeAsync(_channel, function, input, _options.TimeProvider, _stopping.Token);
            if (response.Result?.Status != StatusResult.Types.Status.Success)
            {
                _logger.LogWarning("Function {FunctionName} run from the admin endpoint failed: {Failure}",
                    function.Name, response.Result?.Exception?.Message);
            }
        });
        return AdminInvokeOutcome.Started;
    }

    /// <summary>Stops the triggers, asks the worker to terminate (killing it after the grace period) and closes the endpoints.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        IsRunning = false;
        await _stopping.CancelAsync();
        if (_timers is not null)
        {
            await _timers.DisposeAsync();
        }

        foreach (var dispatcher in _dispatchers)
        {
            await dispatcher.DisposeAsync();
        }

        if (_worker is not null)
        {
            try
            {
                _channel.Terminate(_options.WorkerStopGracePeriod);
            }
            catch (WorkerUnavailableException)
            {
                // The stream is already gone; the process is stopped below either way.
            }

            await _worker.StopAsync(_options.WorkerStopGracePeriod);
            await _worker.DisposeAsync();
        }

        using var appStop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(appStop.Token);
        _forwarder?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        ServiceBus.Dispose();
        _stopping.Dispose();
    }

    private async Task StartCoreAsync(
        WorkerConfig workerConfig, Func<(ListenOptions Http, ListenOptions Grpc)> listeners, CancellationToken cancellationToken)
    {
        _app.MapGrpcService<FunctionRpcService>();
        _app.MapLocalHostAdmin(this);
        _app.MapFallback("{*path}", context => _forwarder is { } forwarder
            ? forwarder.HandleAsync(context)
            : Unavailable(context));
        await _app.StartAsync(cancellationToken);

        var (http, grpc) = listeners();
        BaseAddress = new Uri($"http://{Authority(http.IPEndPoint!)}/");
        var grpcEndpoint = new Uri($"http://{Authority(grpc.IPEndPoint!)}/");

        var loggerFactory = _app.Services.GetRequiredService<ILoggerFactory>();
        _channel.Logs = new WorkerLogForwarder(loggerFactory, _channel.FunctionNameOf);
        var startedAt = _options.TimeProvider.GetTimestamp();
        _worker = WorkerProcess.Start(
            WorkerLaunch.Create(workerConfig, AppDirectory, Settings, grpcEndpoint, _channel.WorkerId, Guid.NewGuid().ToString(), BaseAddress),
            loggerFactory.CreateLogger("Host.Function.Console"));

        using var startLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        startLimit.CancelAfter(_options.WorkerStartTimeout);
        var started = await Task.WhenAny(_channel.Connected, _worker.Exited, Task.Delay(Timeout.Infinite, startLimit.Token));
        if (started != _channel.Connected)
        {
            throw new WorkerStartException(_worker.Exited.IsCompleted
                ? $"The worker exited with code {_worker.ExitCode} before it connected."
                : $"The worker did not connect within {_options.WorkerStartTimeout}.");
        }

        WorkerConnectTime = _options.TimeProvider.GetElapsedTime(startedAt);
        try
        {
            await LoadFunctionsAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or WorkerUnavailableException or FormatException)
        {
            throw new WorkerStartException($"The worker connected but its functions could not be loaded and started: {ex.Message}", ex);
        }

        WorkerReadyTime = _options.TimeProvider.GetElapsedTime(startedAt);
        // The worker does not exit when its stream closes; without a stream it can serve nothing, so it goes too.
        _ = _channel.Closed.ContinueWith(
            _ => OnStreamClosedAsync(),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();
        IsRunning = true;
    }

    private async Task LoadFunctionsAsync(CancellationToken cancellationToken)
    {
        var loggerFactory = _app.Services.GetRequiredService<ILoggerFactory>();
        var (httpUri, functions) = await WorkerSession.InitializeAsync(_channel, AppDirectory, _options.WorkerStartTimeout, cancellationToken);
        if (httpUri is not null)
        {
            await WorkerHttpReadiness.WaitAsync(httpUri, _options.WorkerStartTimeout, cancellationToken);
        }

        Functions = functions;
        _forwarder = new HttpFunctionForwarder(
            new HttpRouteTable(functions, RoutePrefix, _app.Services.GetRequiredService<IInlineConstraintResolver>()),
            _channel,
            httpUri,
            _app.Services.GetRequiredService<IHttpForwarder>(),
            loggerFactory.CreateLogger<HttpFunctionForwarder>());

        _timers = new TimerScheduler(functions, Settings, _channel, _options.TimeProvider, loggerFactory.CreateLogger<TimerScheduler>());
        if (_options.RunTimers)
        {
            _timers.Start();
        }

        var concurrency = HostJson.MaxConcurrentCalls ?? 16 * Environment.ProcessorCount;
        foreach (var function in functions.Where(f => f.IsServiceBus))
        {
            var queue = ServiceBus.Queue(Settings.Resolve(function.Trigger.GetString("queueName") ?? function.Name));
            var dispatcher = new ServiceBusDispatcher(function, queue, _channel, concurrency, loggerFactory.CreateLogger<ServiceBusDispatcher>());
            _dispatchers.Add(dispatcher);
            dispatcher.Start();
        }
    }

    private async Task OnStreamClosedAsync()
    {
        if (_stopping.IsCancellationRequested || _worker is null)
        {
            return;
        }

        IsRunning = false;
        _logger.LogError("The worker's event stream closed; stopping worker process {WorkerProcessId}", _worker.Id);
        await _worker.StopAsync(TimeSpan.Zero);
    }

    private static Task Unavailable(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return Task.CompletedTask;
    }

    private static string Authority(IPEndPoint endpoint) =>
        endpoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{endpoint.Address}]:{endpoint.Port}"
            : $"{endpoint.Address}:{endpoint.Port}";
}
