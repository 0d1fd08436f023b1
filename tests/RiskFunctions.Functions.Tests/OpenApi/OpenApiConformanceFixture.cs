using RiskFunctions.Testing.FunctionApp;
using RiskFunctions.Testing.OpenApi;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.OpenApi;

/// <summary>
/// The function app under the local Functions host on the shared Azurite, trusting the test token key, behind Prism in proxy mode with the
/// OpenAPI document the service itself serves.
/// </summary>
public sealed class OpenApiConformanceFixture : FunctionAppFixture
{
    private readonly string _documentPath = Path.Combine(Path.GetTempPath(), "riskfunctions-openapi-" + Guid.NewGuid().ToString("N") + ".json");

    public PrismProxy Prism { get; private set; } = null!;

    /// <summary>The document the service served, as Prism reads it.</summary>
    public string DocumentPath => _documentPath;

    protected override async Task OnStartedAsync()
    {
        await File.WriteAllTextAsync(_documentPath, await Client.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative)));
        Prism = await PrismProxy.StartAsync(_documentPath, Host.BaseAddress);
    }

    /// <summary>A client whose requests go through Prism; with a token of <paramref name="tenant"/> when given.</summary>
    public HttpClient PrismClient(TestTenant? tenant = null, params string[] scopes)
    {
        var client = new HttpClient { BaseAddress = Prism.Address };
        return tenant is null ? client : tenant.Authorize(client, scopes);
    }

    protected override async Task OnStoppingAsync()
    {
        if (Prism is not null)
        {
            await Prism.DisposeAsync();
        }

        File.Delete(_documentPath);
    }
}
