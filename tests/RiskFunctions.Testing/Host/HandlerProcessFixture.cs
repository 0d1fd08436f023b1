using RiskFunctions.Testing.Azurite;
using Xunit;

namespace RiskFunctions.Testing.Host;

/// <summary>
/// xunit fixture: the published handler running under <see cref="FunctionsHost"/> with the sample
/// local settings, its tables on the shared real Azurite under a prefix of its own, and a signing key
/// generated into a temporary directory. Share it per class or collection; starting takes a few seconds.
/// </summary>
public sealed class HandlerProcessFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private readonly string _keyDirectory = Path.Combine(Path.GetTempPath(), "riskfunctions-keys-" + Guid.NewGuid().ToString("N"));
    private FunctionsHost? _host;

    public FunctionsHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>The Azurite the handler stores into, and the handler's table prefix.</summary>
    public AzuriteFixture Storage => _azurite;

    /// <summary>The settings the handler was started with (sample values with the test overrides).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = new Dictionary<string, string?>();

    /// <summary>
    /// The sample local settings pointed at this test's resources; add or override entries to start a
    /// handler of your own with <see cref="FunctionsHost.StartAsync"/>.
    /// </summary>
    public static Dictionary<string, string?> TestSettings(AzuriteFixture azurite, string keyDirectory)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var settings = new Dictionary<string, string?>(LocalSettings.ReadSample(), StringComparer.Ordinal)
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Storage__TablePrefix"] = azurite.TablePrefix,
            ["Storage__CallTimeout"] = AzuriteFixture.TestCallTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["Security__Signing__KeyDirectory"] = keyDirectory,
        };
        return settings;
    }

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        var app = await FunctionAppPublisher.GetSharedAsync();
        var settings = TestSettings(_azurite, _keyDirectory);
        Settings = settings;
        _host = await FunctionsHost.StartAsync(app, settings);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _azurite.DisposeAsync();
        if (Directory.Exists(_keyDirectory))
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }
    }
}
