using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RiskFunctions.Testing.Host;

/// <summary>
/// Plays the Azure Functions host for a published app root, following the custom-handler protocol:
/// starts the handler as the host does (host.json's executable and <c>%VAR%</c>-expanded arguments,
/// the host's environment variables, app settings inherited, <c>GET /</c> polled every 25 ms for up to
/// 30 s), routes and forwards HTTP requests by the functions' <c>function.json</c>, and posts
/// <c>{"Data","Metadata"}</c> envelopes for other triggers, judging replies by the host's rules.
/// </summary>
public sealed partial class FunctionsHost : IAsyncDisposable
{
    /// <summary>How often the host polls <c>GET /</c> while the handler starts.</summary>
    public static readonly TimeSpan ReadinessPollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>The host's default <c>InitializationTimeout</c>.</summary>
    public static readonly TimeSpan InitializationTimeout = TimeSpan.FromSeconds(30);

    private const int MaxCapturedLines = 5000;
    private static readonly ConcurrentDictionary<int, Process> LiveProcesses = new();

    private readonly IReadOnlyDictionary<string, string?> _appSettings;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly HttpClient _toHandler;
    private readonly HostRouteTable _routes;
    private Process? _process;

    static FunctionsHost()
    {
        // A test run that ends without disposing must not leave handlers behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in LiveProcesses.Values)
            {
                TryKill(process);
            }
        };
    }

    private FunctionsHost(FunctionApp app, IReadOnlyDictionary<string, string?> appSettings, Uri handlerAddress)
    {
        App = app;
        _appSettings = appSettings;
        HandlerAddress = handlerAddress;
        _routes = new HostRouteTable(app);
        _toHandler = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        })
        {
            Timeout = TimeSpan.FromSeconds(100),
        };
    }

    public FunctionApp App { get; }

    /// <summary>Where the handler listens (<c>http://127.0.0.1:FUNCTIONS_CUSTOMHANDLER_PORT/</c>).</summary>
    public Uri HandlerAddress { get; private set; }

    /// <summary>The key the host accepts for <c>authLevel: function</c> (header <c>x-functions-key</c> or <c>?code=</c>).</summary>
    public string FunctionKey { get; } = Convert.ToHexString(Guid.NewGuid().ToByteArray());

    /// <summary>The key the host accepts for every auth level, <c>admin</c> included.</summary>
    public string MasterKey { get; } = Convert.ToHexString(Guid.NewGuid().ToByteArray());

    /// <summary>The handler's stdout and stderr so far (its logs), newest last.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>The operating-system process id of the running handler.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>Starts the handler of <paramref name="app"/> with <paramref name="appSettings"/> and waits until it answers.</summary>
    public static async Task<FunctionsHost> StartAsync(FunctionApp app, IReadOnlyDictionary<string, string?>? appSettings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        var host = new FunctionsHost(app, appSettings ?? new Dictionary<string, string?>(), new Uri("http://127.0.0.1/"));
        try
        {
            await host.StartProcessAsync(cancellationToken);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>
    /// Plays the host in front of a handler that is already listening (e.g. a test composition on
    /// Kestrel in the test process): routing, forwarding and envelopes, without starting a process.
    /// </summary>
    public static FunctionsHost Attach(FunctionApp app, Uri handlerAddress) =>
        new(app, new Dictionary<string, string?>(), handlerAddress);

    /// <summary>Stops the handler (as a crash would) and starts it again with the same settings.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        StopProcess();
        await StartProcessAsync(cancellationToken);
    }

    /// <summary>An <see cref="HttpClient"/> whose requests go through this host, like calls to the function app's URL.</summary>
    public HttpClient CreateClient() => new(new FrontDoor(this)) { BaseAddress = new Uri("http://localhost:7071/") };

    /// <summary>
    /// Handles a request sent to the function app: the host's routing, methods and key check, then
    /// forwarding to the handler. The handler's response is returned unchanged.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!App.Host.EnableForwardingHttpRequest)
        {
            throw new NotSupportedException("host.json does not enable forwarding; the harness only plays forwarded HTTP functions.");
        }

        if (!IsDecodablePath(request.RequestUri!.AbsolutePath))
        {
            return new HttpResponseMessage(HttpStatusCode.BadRequest) { RequestMessage = request };
        }

        var function = _routes.Match(request.Method.Method, request.RequestUri.AbsolutePath);
        if (function is null)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
        }

        if (!IsAuthorized(function.Trigger!.GetString("authLevel"), request))
        {
            return new HttpResponseMessage(HttpStatusCode.Unauthorized) { RequestMessage = request };
        }

        using var forwarded = await HostForwarding.ForwardAsync(request, HandlerAddress, Guid.NewGuid().ToString(), cancellationToken);
        using var response = await _toHandler.SendAsync(forwarded, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await CopyAsync(response, request, cancellationToken);
    }

    /// <summary>
    /// Whether the host's server can decode the path at all: Kestrel refuses a request target that decodes to a
    /// null character (<c>%00</c>) with 400 before any routing, so such a request never reaches a function.
    /// </summary>
    private static bool IsDecodablePath(string path)
    {
        try
        {
            _ = Microsoft.AspNetCore.Http.PathString.FromUriComponent(path);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Posts an invocation envelope to <c>/{functionName}</c>, encoding every value as the host does,
    /// and judges the reply by the host's rules.
    /// </summary>
    public async Task<InvocationOutcome> InvokeAsync(
        string functionName,
        IEnumerable<KeyValuePair<string, object?>> data,
        IEnumerable<KeyValuePair<string, object?>> metadata,
        CancellationToken cancellationToken = default)
    {
        var function = App.GetFunction(functionName);
        var envelope = new JsonObject
        {
            ["Data"] = HostValueEncoding.EncodeAll(data),
            ["Metadata"] = HostValueEncoding.EncodeAll(metadata),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(HandlerAddress, function.Name))
        {
            Content = new StringContent(envelope.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        HostForwarding.AddInvocationHeaders(request.Headers, Guid.NewGuid().ToString());
        using var response = await _toHandler.SendAsync(request, cancellationToken);
        return await InvocationOutcome.FromResponseAsync(response, cancellationToken);
    }

    /// <summary>
    /// Delivers one Service Bus message to a <c>serviceBusTrigger</c> function as the extension does
    /// with <c>dataType: binary</c>: the exact body bytes as base64 under the binding name, and the
    /// broker properties in the metadata.
    /// </summary>
    public Task<InvocationOutcome> InvokeServiceBusAsync(string functionName, SimulatedMessage message, int deliveryCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var trigger = App.GetFunction(functionName).Trigger;
        if (trigger is null || !trigger.Type.Equals("serviceBusTrigger", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"{functionName} is not a Service Bus-triggered function.", nameof(functionName));
        }

        if (!string.Equals(trigger.GetString("dataType"), "binary", StringComparison.OrdinalIgnoreCase))
        {
            // With the default string type the body's JSON properties leak into the metadata; the
            // harness does not reproduce that on purpose, the binding must say binary.
            throw new NotSupportedException($"{functionName} must declare dataType: binary.");
        }

        var data = new Dictionary<string, object?> { [trigger.Name] = message.Body.ToArray() };
        var metadata = new Dictionary<string, object?>
        {
            ["DeliveryCount"] = deliveryCount,
            ["LockToken"] = Guid.NewGuid().ToString(),
            ["ExpiresAtUtc"] = message.EnqueuedTimeUtc + message.TimeToLive,
            ["ExpiresAt"] = new DateTimeOffset(message.EnqueuedTimeUtc + message.TimeToLive, TimeSpan.Zero),
            ["EnqueuedTimeUtc"] = message.EnqueuedTimeUtc,
            ["EnqueuedTime"] = new DateTimeOffset(message.EnqueuedTimeUtc, TimeSpan.Zero),
            ["MessageId"] = message.MessageId,
            ["ContentType"] = message.ContentType,
            ["SequenceNumber"] = message.SequenceNumber,
            ["Label"] = message.Subject,
            ["Subject"] = message.Subject,
            ["CorrelationId"] = message.CorrelationId,
            ["ApplicationProperties"] = new Dictionary<string, object?>(message.ApplicationProperties),
            ["UserProperties"] = new Dictionary<string, object?>(message.ApplicationProperties),
            ["sys"] = SystemMetadata(functionName),
        };
        return InvokeAsync(functionName, data, metadata, cancellationToken);
    }

    /// <summary>Fires a <c>timerTrigger</c> function once, with the timer information the extension sends.</summary>
    public Task<InvocationOutcome> InvokeTimerAsync(string functionName, bool isPastDue = false, CancellationToken cancellationToken = default)
    {
        var trigger = App.GetFunction(functionName).Trigger;
        if (trigger is null || !trigger.Type.Equals("timerTrigger", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"{functionName} is not a timer-triggered function.", nameof(functionName));
        }

        var now = DateTime.UtcNow;
        var timerInfo = new Dictionary<string, object?>
        {
            ["Schedule"] = new Dictionary<string, object?> { ["AdjustForDST"] = true },
            ["ScheduleStatus"] = new Dictionary<string, object?>
            {
                ["Last"] = now.AddMinutes(-1),
                ["Next"] = now.AddMinutes(1),
                ["LastUpdated"] = now.AddMinutes(-1),
            },
            ["IsPastDue"] = isPastDue,
        };
        return InvokeAsync(
            functionName,
            new Dictionary<string, object?> { [trigger.Name] = timerInfo },
            new Dictionary<string, object?> { ["sys"] = SystemMetadata(functionName) },
            cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        StopProcess();
        _toHandler.Dispose();
        await Task.CompletedTask;
    }

    private static Dictionary<string, object?> SystemMetadata(string functionName) => new()
    {
        ["MethodName"] = functionName,
        ["UtcNow"] = DateTime.UtcNow,
        ["RandGuid"] = Guid.NewGuid().ToString(),
    };

    private bool IsAuthorized(string? authLevel, HttpRequestMessage request)
    {
        if (authLevel is null || authLevel.Equals("anonymous", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var key = request.Headers.TryGetValues("x-functions-key", out var values)
            ? values.FirstOrDefault()
            : Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.RequestUri!.Query).TryGetValue("code", out var code) ? code.ToString() : null;
        return key == MasterKey || (key == FunctionKey && !authLevel.Equals("admin", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<HttpResponseMessage> CopyAsync(HttpResponseMessage response, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var copy = new HttpResponseMessage(response.StatusCode)
        {
            RequestMessage = request,
            ReasonPhrase = response.ReasonPhrase,
            Version = response.Version,
            Content = new ByteArrayContent(await response.Content.ReadAsByteArrayAsync(cancellationToken)),
        };
        foreach (var (name, values) in response.Headers)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        foreach (var (name, values) in response.Content.Headers)
        {
            copy.Content.Headers.TryAddWithoutValidation(name, values);
        }

        return copy;
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var port = FreePort();
        var environment = ChildEnvironment(port);
        var startInfo = new ProcessStartInfo(ResolveExecutable())
        {
            WorkingDirectory = WorkingDirectory(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        foreach (var argument in App.Host.Arguments)
        {
            startInfo.ArgumentList.Add(ExpandVariables(argument, environment));
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Capture(e.Data);
        process.ErrorDataReceived += (_, e) => Capture(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {startInfo.FileName}.");
        }

        _process = process;
        LiveProcesses[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        HandlerAddress = new Uri($"http://127.0.0.1:{port}/");
        await WaitUntilReadyAsync(process, cancellationToken);
    }

    /// <summary>The host's readiness check: any HTTP answer to <c>GET /</c> counts, refused connections do not.</summary>
    private async Task WaitUntilReadyAsync(Process process, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The handler exited with code {process.ExitCode} before answering GET /.\n{string.Join('\n', Output)}");
            }

            try
            {
                using var ping = new HttpRequestMessage(HttpMethod.Get, HandlerAddress);
                using var response = await _toHandler.SendAsync(ping, cancellationToken);
                return;
            }
            catch (HttpRequestException exception) when (exception.InnerException is SocketException)
            {
                if (clock.Elapsed > InitializationTimeout)
                {
                    StopProcess();
                    throw new TimeoutException(
                        $"The handler did not answer GET / within {InitializationTimeout.TotalSeconds} s.\n{string.Join('\n', Output)}");
                }

                await Task.Delay(ReadinessPollInterval, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The child's environment: this process's (the host's own), the app settings, then the variables
    /// the host sets for a custom handler.
    /// </summary>
    private Dictionary<string, string?> ChildEnvironment(int port)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in _appSettings)
        {
            environment[name] = value;
        }

        environment.TryAdd("FUNCTIONS_WORKER_RUNTIME", "custom");
        environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["FUNCTIONS_HTTPWORKER_PORT"] = environment["FUNCTIONS_CUSTOMHANDLER_PORT"];
        environment["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = Guid.NewGuid().ToString();
        environment["FUNCTIONS_APP_ROOT_PATH"] = App.Root;

        // Not host behaviour but this machine's: a framework-dependent apphost finds the runtime
        // through DOTNET_ROOT when .NET is not installed in a default location.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ROOT")) && !environment.ContainsKey("DOTNET_ROOT"))
        {
            environment["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        }

        return environment;
    }

    /// <summary>Relative to the app root when such a file exists; otherwise a command on PATH.</summary>
    private string ResolveExecutable()
    {
        var candidate = Path.Combine(App.Root, App.Host.DefaultExecutablePath);
        return File.Exists(candidate) ? candidate : App.Host.DefaultExecutablePath;
    }

    private string WorkingDirectory() => App.Host.WorkingDirectory switch
    {
        null or "" => App.Root,
        var directory when Path.IsPathRooted(directory) => directory,
        var directory => Path.Combine(App.Root, directory),
    };

    /// <summary><c>%NAME%</c> becomes the variable's value; tokens without a value are removed.</summary>
    private static string ExpandVariables(string argument, IReadOnlyDictionary<string, string?> environment) =>
        VariableToken().Replace(argument, match =>
        {
            var name = match.Groups[1].Value;
            return environment.TryGetValue(name, out var value) && value is not null
                ? value
                : Environment.GetEnvironmentVariable(name) ?? string.Empty;
        });

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > MaxCapturedLines && _output.TryDequeue(out _))
        {
        }
    }

    private void StopProcess()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        LiveProcesses.TryRemove(process.Id, out _);
        TryKill(process);
        process.Dispose();
    }

    private static void TryKill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex VariableToken();

    /// <summary>Sends an <see cref="HttpClient"/>'s requests through the host.</summary>
    private sealed class FrontDoor(FunctionsHost host) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            host.SendAsync(request, cancellationToken);
    }
}
