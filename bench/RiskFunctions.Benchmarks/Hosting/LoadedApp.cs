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

    /// <summary>Signed raw Table requests to the app's Azurite; exists once the app has started (its Azurite with it).</summary>
    public RawTableHttp Raw { get; private set; } = null!;

    /// <param name="settings">App settings beside the test defaults.</param>
    public static async Task<LoadedApp> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var loaded = new LoadedApp(new BenchAppFixture(settings ?? new Dictionary<string, string>()));
        try
        {
            await loaded._app.InitializeAsync();
            loaded.Http = loaded._app.ClientFor(loaded.Tenant);
            loaded.Raw = new RawTableHttp(loaded._storageHttp, loaded._app.Storage.TableEndpoint, AzuriteServer.AccountName, AzuriteServer.AccountKey);
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
