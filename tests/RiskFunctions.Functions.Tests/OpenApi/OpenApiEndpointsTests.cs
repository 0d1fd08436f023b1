using System.Net;
using System.Text.Json.Nodes;
using RiskFunctions.Testing.FunctionApp;

namespace RiskFunctions.Functions.Tests.OpenApi;

/// <summary>The document as the worker serves it through the local host, without a token.</summary>
[Collection(FunctionAppCollection.Name)]
public sealed class OpenApiEndpointsTests(FunctionAppFixture app)
{
    [Fact]
    public async Task GetJson_WithoutToken_ReturnsTheDocument()
    {
        using var response = await app.Client.GetAsync(new Uri("openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("RiskFunctions", document["info"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetYaml_WithoutToken_ReturnsTheSameDocumentAsYaml()
    {
        using var response = await app.Client.GetAsync(new Uri("openapi/v1.yaml", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType?.MediaType);
        var yaml = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("\"openapi\": \"3.0.3\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains("\"afftectedActionIds\":", yaml, StringComparison.Ordinal);
    }
}
