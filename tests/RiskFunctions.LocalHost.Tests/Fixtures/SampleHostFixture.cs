
namespace RiskFunctions.LocalHost.Tests.Fixtures;

/// <summary>One local host running the sample worker, shared by the tests of a collection.</summary>
public sealed class SampleHostFixture : IAsyncLifetime
{
    private LocalFunctionsHost? _host;

    public LocalFunctionsHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _host = await LocalFunctionsHost.StartAsync(SampleApp.Options());
        Client = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SampleHostCollection : ICollectionFixture<SampleHostFixture>
{
    public const string Name = "sample host";
}
