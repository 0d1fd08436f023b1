using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RiskFunctions.Testing.FunctionApp;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Security;

/// <summary>Key publication through the local host: the JWKS and the discovery document the worker serves.</summary>
[Collection(FunctionAppCollection.Name)]
public sealed class SigningKeyTests(FunctionAppFixture app)
{
    [Fact]
    public async Task Jwks_ConfiguredKey_PublishesItsPublicHalfOnly()
    {
        using var response = await app.Client.GetAsync(new Uri(".well-known/jwks.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        var key = Assert.Single(document.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal(TestTokens.KeyId, key.GetProperty("kid").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.False(key.TryGetProperty("d", out _));
        Assert.False(key.TryGetProperty("p", out _));
        Assert.False(key.TryGetProperty("key_ops", out _));
    }

    [Fact]
    public async Task Discovery_UsesConfiguredIssuerNotHostHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ".well-known/openid-configuration");
        request.Headers.Host = "evil.example";

        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(TestTokens.Issuer, document.GetProperty("issuer").GetString());
        Assert.Equal(TestTokens.Issuer + "/.well-known/jwks.json", document.GetProperty("jwks_uri").GetString());
        Assert.Equal(TestTokens.Issuer + "/oidc/token", document.GetProperty("token_endpoint").GetString());

        // Both ways the token endpoint takes a client's secret: in the form, and as HTTP Basic credentials.
        Assert.Equal(
            ["client_secret_post", "client_secret_basic"],
            document.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(method => method.GetString()));
    }
}
