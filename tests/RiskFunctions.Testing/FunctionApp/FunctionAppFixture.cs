using Microsoft.Extensions.Logging;
using Xunit;
using RiskFunctions.LocalHost;
using RiskFunctions.LocalHost.ServiceBus;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Testing.FunctionApp;

/// <summary>
/// The function app's real worker process under the local Functions host, on the shared Azurite under a table
/// prefix of its own, trusting <see cref="TestTokens"/>. Nothing is built here: the app's build output is run.
/// Tests share one instance per settings profile (a worker start costs seconds) and isolate by tenant. Subclass and
/// override <see cref="Configure"/> for another profile.
/// </summary>
public class FunctionAppFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite;
    private readonly string _keyDirectory = Path.Combine(Path.GetTempPath(), "risk-keys-" + Guid.NewGuid().ToString("N"));
    private LocalFunctionsHost? _host;

    /// <summary>The app on the shared Azurite.</summary>
    public FunctionAppFixture()
        : this(new AzuriteFixture())
    {
    }

    /// <summary>The app on <paramref name="storage"/>, e.g. an Azurite of its own that a test stops and restarts.</summary>
    protected FunctionAppFixture(AzuriteFixture storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _azurite = storage;
    }

    public LocalFunctionsHost Host => _host ?? throw new InvalidOperationException("The function app has not started.");

    public AzuriteFixture Storage => _azurite;

    /// <summary>The host's front door (no credentials).</summary>
    public HttpClient Client { get; private set; } = null!;

    public LocalServiceBus ServiceBus => Host.ServiceBus;

    /// <summary>The app settings the worker runs with, on top of the sample settings.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; private set; } = new Dictionary<string, string>();

    /// <summary>Runs timers on their schedule; off by default (tests invoke them through the admin endpoint).</summary>
    protected virtual bool RunTimers => false;

    /// <summary>A new client of the front door sending <paramref name="tenant"/>'s token with the given scopes (all when none).</summary>
    public HttpClient ClientFor(TestTenant tenant, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = tenant.Authorization(scopes);
        return client;
    }

    public HttpClient NewClient() => new() { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        await OnStartingAsync();
        var settings = new Dictionary<string, string>(TestTokens.HandlerEnvironment, StringComparer.Ordinal)
        {
            ["AzureWebJobsStorage"] = _azurite.ConnectionString,
            ["Storage__ConnectionString"] = await _azurite.ConnectionStringWithBlobsAsync(),
            ["Storage__TablePrefix"] = _azurite.TablePrefix,
            ["Storage__ModelContainer"] = _azurite.ModelContainer,
            ["Storage__CallTimeout"] = AzuriteFixture.TestCallTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["Security__Signing__KeyDirectory"] = _keyDirectory,
            // Information logs from every invocation halve throughput and flood test output.
            ["Logging__LogLevel__Default"] = "Warning",
        };
        Configure(settings);
        Settings = settings;
        _host = await LocalFunctionsHost.StartAsync(new LocalFunctionsHostOptions
        {
            AppDirectory = FunctionAppDirectory.Path,
            SettingsFile = FunctionAppDirectory.SampleSettingsFile,
            Settings = settings,
            Port = 0,
            RunTimers = RunTimers,
            ConfigureLogging = ConfigureLogging,
        });
        Client = NewClient();
        await WaitUntilAnsweringAsync();
        await OnStartedAsync();
    }

    /// <summary>
    /// The host reports the worker ready once its functions are loaded, but under load the worker's own HTTP listener
    /// can refuse the first forwarded requests for a moment (502): wait, bounded, until liveness answers.
    /// </summary>
    private async Task WaitUntilAnsweringAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await Client.GetAsync(new Uri("health", UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (attempt >= 300)
            {
                throw new InvalidOperationException($"The function app did not answer GET /health: {(int)response.StatusCode}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Runs before the settings are made, for what a profile's settings name (a server it starts, say).</summary>
    protected virtual Task OnStartingAsync() => Task.CompletedTask;

    /// <summary>Runs once the app answers, for a profile's own arrangements.</summary>
    protected virtual Task OnStartedAsync() => Task.CompletedTask;

    /// <summary>Adds or overrides app settings of this profile.</summary>
    protected virtual void Configure(IDictionary<string, string> settings)
    {
    }

    /// <summary>Adds logging providers to the host (which carries the worker's logs too); none by default.</summary>
    protected virtual void ConfigureLogging(ILoggingBuilder logging)
    {
    }

    /// <summary>Runs before the app stops, to release a profile's own resources.</summary>
    protected virtual Task OnStoppingAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        await OnStoppingAsync();
        Client?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _azurite.DisposeAsync();
        if (Directory.Exists(_keyDirectory))
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
