using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Host;
using RiskFunctions.Testing.OpenApi;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Handler.Tests.OpenApi;

/// <summary>
/// The published service on the shared Azurite, trusting the test token key, behind Prism in proxy mode with the
/// OpenAPI document the service itself serves.
/// </summary>
public sealed class OpenApiConformanceFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private readonly string _keyDirectory = Path.Combine(Path.GetTempPath(), "riskfunctions-keys-" + Guid.NewGuid().ToString("N"));
    private readonly string _documentPath = Path.Combine(Path.GetTempPath(), "riskfunctions-openapi-" + Guid.NewGuid().ToString("N") + ".json");
    private FunctionsHost? _host;

    public PrismProxy Prism { get; private set; } = null!;

    /// <summary>The settings the service runs with, for the commands that register clients in its storage.</summary>
    public Dictionary<string, string?> Settings { get; private set; } = [];

    /// <summary>The document the service served, as Prism reads it.</summary>
    public string DocumentPath => _documentPath;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        Settings = HandlerProcessFixture.TestSettings(_azurite, _keyDirectory);
        foreach (var (key, value) in TestTokens.HandlerEnvironment)
        {
            Settings[key] = value;
        }

        _host = await FunctionsHost.StartAsync(await FunctionAppPublisher.GetSharedAsync(), Settings);
        using (var client = _host.CreateClient())
        {
            await File.WriteAllTextAsync(_documentPath, await client.GetStringAsync("openapi/v1.json"));
        }

        Prism = await PrismProxy.StartAsync(_documentPath, _host.HandlerAddress);
    }

    /// <summary>A client whose requests go through Prism; with a token of <paramref name="tenant"/> when given.</summary>
    public HttpClient Client(TestTenant? tenant = null, params string[] scopes)
    {
        var client = new HttpClient { BaseAddress = Prism.Address };
        return tenant is null ? client : tenant.Authorize(client, scopes);
    }

    public async Task DisposeAsync()
    {
        if (Prism is not null)
        {
            await Prism.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _azurite.DisposeAsync();
        File.Delete(_documentPath);
        if (Directory.Exists(_keyDirectory))
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }
    }
}
