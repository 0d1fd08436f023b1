using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using RiskFunctions.Functions.Tests.Security.CrossTenant;
using RiskFunctions.Functions.Security;
using RiskFunctions.Testing.Http;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Security;

/// <summary>An external issuer's tokens through the local host: the tenant they map to, the scopes their roles grant, and refusals.</summary>
public sealed class ExternalIssuerApiTests(ExternalIssuerAppFixture app) : IClassFixture<ExternalIssuerAppFixture>
{
    private string Sign(JsonObject payload) => TestTokens.Sign(TestTokens.Header(app.Issuer.Signer), payload, app.Issuer.Signer);

    private JsonObject Payload(string clientId = "app-allowed", string audience = ExternalIssuerAppFixture.Audience, params string[] roles) =>
        ExternalIssuerAppFixture.Payload(app.Issuer, DateTimeOffset.UtcNow, clientId, audience, roles);

    [Fact]
    public async Task Authenticate_ExternalToken_MapsToTheConfiguredTenantNotItsOwnTid()
    {
        var name = "external-" + Guid.NewGuid().ToString("N")[..8];
        using var request = new HttpRequestMessage(HttpMethod.Post, "risk/v1/recommendation/rules")
        {
            Content = CrossTenantFixture.Json(TenantEndpoints.RuleBody(name, 11)),
        };
        request.Headers.Authorization = new("Bearer", Sign(Payload(roles: ["Risk.Rules.Read", "rules:write"])));

        using var created = await app.Client.SendAsync(request);

        // rules:write is not a mapped role: the write is refused; the mapped read sees contoso's rules.
        Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
        using var contoso = app.ClientFor(new TestTenant("contoso"), RiskScopes.RulesWrite);
        using var own = await contoso.PostAsync(new Uri("risk/v1/recommendation/rules", UriKind.Relative), CrossTenantFixture.Json(TenantEndpoints.RuleBody(name, 12)));
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        using var listed = await ScopeProbe.SendWithTokenAsync(app.Client, Sign(Payload()), RiskScopes.RulesRead);
        var rules = await listed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(rules.GetProperty("data").EnumerateArray(), rule => rule.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task Authorize_ExternalRolesMapToScopes_UnmappedRoleGrantsNothing()
    {
        var token = Sign(Payload(roles: ["Risk.Rules.Read", "rules:write"]));

        using var read = await ScopeProbe.SendWithTokenAsync(app.Client, token, RiskScopes.RulesRead);
        using var write = await ScopeProbe.SendWithTokenAsync(app.Client, token, RiskScopes.RulesWrite);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task Authenticate_ClientNotAllowed_Returns401()
    {
        using var response = await ScopeProbe.SendWithTokenAsync(app.Client, Sign(Payload(clientId: "some-other-app")));

        Assert.Contains("authorization: the token's client is not allowed", await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Authenticate_ExternalTokenForAnotherAudience_Returns401()
    {
        using var response = await ScopeProbe.SendWithTokenAsync(app.Client, Sign(Payload(audience: "https://graph.microsoft.com")));

        await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Authenticate_ExternalIssuerClaimSignedWithOurTrustedKey_Returns401()
    {
        using var response = await ScopeProbe.SendWithTokenAsync(app.Client, TestTokens.Sign(TestTokens.Header(TestTokens.Signer), Payload(), TestTokens.Signer));

        Assert.Contains("authorization: the token was signed with an unknown key", await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized));
    }
}
