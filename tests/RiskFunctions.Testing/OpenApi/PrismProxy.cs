using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Processes;

namespace RiskFunctions.Testing.OpenApi;

/// <summary>
/// Stoplight Prism (pinned in package.json) in proxy mode: it forwards every request to the service and reports in
/// the <c>sl-violations</c> response header where the request or the answer departs from an OpenAPI document. An
/// independent validator, so the service's document is checked by something other than the code that wrote it.
/// </summary>
public sealed class PrismProxy : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ProcessWatchdog _watchdog;
    private readonly List<string> _output = [];

    private PrismProxy(Process process, Uri address)
    {
        _process = process;
        // Killed with this test process even when it dies without disposing.
        _watchdog = ProcessWatchdog.Start(process.Id);
        Address = address;
    }

    /// <summary>Where to send requests so that Prism checks them.</summary>
    public Uri Address { get; }

    /// <summary>Starts Prism on a free loopback port in front of <paramref name="upstream"/>, checking against <paramref name="documentPath"/>.</summary>
    public static async Task<PrismProxy> StartAsync(string documentPath, Uri upstream, CancellationToken cancellationToken = default)
    {
        var root = await NodeTools.EnsureAsync(cancellationToken);
        var port = FreePort();
        var start = new ProcessStartInfo(Path.Combine(root, "node_modules", ".bin", "prism"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "proxy", documentPath, upstream.ToString().TrimEnd('/'), "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--errors", "false", "--cors", "false", "--verboseLevel", "warn",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Prism did not start.");
        var proxy = new PrismProxy(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => proxy.Record(e.Data);
        process.ErrorDataReceived += (_, e) => proxy.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await proxy.WaitUntilListeningAsync(port, cancellationToken);
        return proxy;
    }

    /// <summary>The violations Prism reported for <paramref name="response"/>; none when the header is absent.</summary>
    public static IReadOnlyList<PrismViolation> Violations(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.Headers.TryGetValues("sl-violations", out var values))
        {
            return [];
        }

        var violations = new List<PrismViolation>();
        foreach (var value in values)
        {
            using var document = JsonDocument.Parse(value);
            foreach (var item in document.RootElement.EnumerateArray())
            {
                var location = item.TryGetProperty("location", out var path)
                    ? string.Join('.', path.EnumerateArray().Select(p => p.ToString()))
                    : string.Empty;
                violations.Add(new PrismViolation(
                    location,
                    item.TryGetProperty("severity", out var severity) ? severity.ToString() : string.Empty,
                    item.TryGetProperty("message", out var message) ? message.GetString() ?? string.Empty : string.Empty));
            }
        }

        return violations;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _watchdog.Dispose();
        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    private async Task WaitUntilListeningAsync(int port, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("Prism exited: " + string.Join('\n', _output));
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }

        throw new TimeoutException($"Prism did not listen on {port} within {StartTimeout}: " + string.Join('\n', _output));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One departure from the document: where (<c>request.body.priority</c>, <c>response.body.result</c>), how bad, and what.</summary>
public sealed record PrismViolation(string Location, string Severity, string Message)
{
    /// <summary>Whether it is about the service's answer rather than what was sent.</summary>
    public bool IsAboutResponse => Location.StartsWith("response", StringComparison.Ordinal);

    public override string ToString() => $"{Severity} at {Location}: {Message}";
}
