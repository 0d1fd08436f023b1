using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using RiskFunctions.Handler.OpenApi;

namespace RiskFunctions.Handler.Tests.OpenApi;

/// <summary>Serves the document from a real Kestrel on a free loopback port, as the host would reach it.</summary>
public sealed class OpenApiEndpointsTests : IAsyncLifetime
{
    private WebApplication? _app;
    private HttpClient? _client;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapOpenApiDocument();
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task GetJson_WithoutToken_ReturnsTheDocument()
    {
        using var response = await _client!.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("RiskFunctions", document["info"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetYaml_WithoutToken_ReturnsTheSameDocumentAsYaml()
    {
        using var response = await _client!.GetAsync(new Uri("/openapi/v1.yaml", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType?.MediaType);
        var yaml = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("\"openapi\": \"3.0.3\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains("\"afftectedActionIds\":", yaml, StringComparison.Ordinal);
    }
}
