using System.Net.Http.Headers;
using RiskFunctions.Benchmarks.Storage;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.FunctionApp;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Benchmarks.Hosting;

/// <summary>
/// The function app's worker under the local Functions host, on an Azurite of its own, with the per-client rate
/// limit lifted (it would cap the very throughput measured); a client of a bench tenant sends requests through the
/// host's front door, and a raw signed Table client reaches the same Azurite for baselines.
/// </summary>
internal sealed class LoadedApp : IAsyncDisposable
{
    private readonly BenchAppFixture _app;
    private readonly HttpClient _storageHttp = new();

    private LoadedApp(BenchAppFixture app) => _app = app;

    public AzuriteFixture Azurite => _app.Storage;

    /// <summary>The worker process, for CPU accounting.</summary>
    public int WorkerProcessId => _app.Host.WorkerProcessId;

    public TestTenant Tenant { get; } = TestTenant.Create("bench");

    /// <summary>Authorized for <see cref="Tenant"/> with every scope.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>Signed requests straight to Azurite (its endpoint is known once the fixture started it).</summary>
    public RawTableHttp Raw { get; private set; } = null!;

    /// <param name="settings">App settings beside the test defaults.</param>
    public static async Task<LoadedApp> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var loaded = new LoadedApp(new BenchAppFixture(settings ?? new Dictionary<string, string>()));
        try
        {
            await loaded._app.InitializeAsync();
            loaded.Raw = new RawTableHttp(loaded._storageHttp, loaded._app.Storage.TableEndpoint, AzuriteServer.AccountName, AzuriteServer.AccountKey);
            loaded.Http = new HttpClient(new RenewedTokenHandler(loaded.Tenant)) { BaseAddress = loaded._app.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            return loaded;
        }
        catch
        {
            await loaded.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        _storageHttp.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>
    /// Sends the tenant's token, signed again every 10 minutes: a token lasts an hour, and a long preload or import
    /// outlasts it (the service then answers 401 halfway through the run).
    /// </summary>
    private sealed class RenewedTokenHandler(TestTenant tenant) : DelegatingHandler(new HttpClientHandler())
    {
        private static readonly TimeSpan Renewal = TimeSpan.FromMinutes(10);
        private readonly Lock _lock = new();
        private (AuthenticationHeaderValue Header, DateTimeOffset SignedAt)? _current;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            lock (_lock)
            {
                if (_current is not { } current || DateTimeOffset.UtcNow - current.SignedAt > Renewal)
                {
                    _current = current = (tenant.Authorization(), DateTimeOffset.UtcNow);
                }

                request.Headers.Authorization = current.Header;
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class BenchAppFixture(IReadOnlyDictionary<string, string> extra) : FunctionAppFixture
    {
        protected override void Configure(IDictionary<string, string> settings)
        {
            settings["Security__RateLimits__Default__PermitsPerSecond"] = "1000000";
            settings["Security__RateLimits__Default__Burst"] = "1000000";
            foreach (var (key, value) in extra)
            {
                settings[key] = value;
            }
        }
    }
}
