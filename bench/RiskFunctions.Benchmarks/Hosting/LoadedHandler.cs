using RiskFunctions.Benchmarks.Storage;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Host;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Benchmarks.Hosting;

/// <summary>
/// The published handler started the way the Functions host starts it, on a fresh in-memory Azurite, with the
/// per-client rate limit lifted (it would cap the very throughput measured); a client of a bench tenant sends
/// requests straight to the handler's port, and a raw signed Table client reaches the same Azurite for baselines.
/// </summary>
internal sealed class LoadedHandler : IAsyncDisposable
{
    private readonly DirectoryInfo _keys;
    private readonly HttpClient _storageHttp = new();

    private LoadedHandler(AzuriteFixture azurite, DirectoryInfo keys)
    {
        Azurite = azurite;
        _keys = keys;
        Raw = new RawTableHttp(_storageHttp, azurite.TableEndpoint, AzuriteServer.AccountName, AzuriteServer.AccountKey);
    }

    public AzuriteFixture Azurite { get; }

    public FunctionsHost Host { get; private set; } = null!;

    public TestTenant Tenant { get; } = TestTenant.Create("bench");

    /// <summary>Authorized for <see cref="Tenant"/> with every scope.</summary>
    public HttpClient Http { get; private set; } = null!;

    public RawTableHttp Raw { get; }

    /// <param name="appRoot">A published app root, or null for the shared test publish.</param>
    /// <param name="settings">Settings beside the test defaults.</param>
    public static async Task<LoadedHandler> StartAsync(string? appRoot, IReadOnlyDictionary<string, string>? settings = null)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var loaded = new LoadedHandler(azurite, Directory.CreateTempSubdirectory("loaded-handler-keys"));
        try
        {
            var app = appRoot is null ? await FunctionAppPublisher.GetSharedAsync() : new FunctionApp(appRoot);
            var all = HandlerProcessFixture.TestSettings(azurite, loaded._keys.FullName);
            foreach (var (key, value) in TestTokens.HandlerEnvironment)
            {
                all[key] = value;
            }

            all["Security__RateLimits__Default__PermitsPerSecond"] = "1000000";
            all["Security__RateLimits__Default__Burst"] = "1000000";
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                all[key] = value;
            }

            loaded.Host = await FunctionsHost.StartAsync(app, all);
            loaded.Http = new HttpClient { BaseAddress = loaded.Host.HandlerAddress };
            loaded.Http.DefaultRequestHeaders.Authorization = loaded.Tenant.Authorization();
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
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        _storageHttp.Dispose();
        await Azurite.DisposeAsync();
        _keys.Delete(recursive: true);
    }
}
