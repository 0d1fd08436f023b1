using RiskFunctions.Testing.Http;
using System.Net;
using System.Text.Json.Nodes;
using RiskFunctions.Handler.Security;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Handler.Tests.Security;

/// <summary>Tokens of an external OpenID issuer (an Entra ID stand-in on loopback HTTP) mapped to one of our tenants.</summary>
public sealed class ExternalIssuerTests : IAsyncLifetime
{
    private const string Audience = "api://risk-functions";
    private FakeOidcIssuer _issuer = null!;
    private SecurityTestApp _app = null!;

    public async Task InitializeAsync()
    {
        _issuer = await FakeOidcIssuer.StartAsync();
        _app = await SecurityTestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Security:ExternalIssuers:0:Issuer"] = _issuer.Issuer,
            ["Security:ExternalIssuers:0:MetadataAddress"] = _issuer.MetadataAddress.ToString(),
            ["Security:ExternalIssuers:0:Audience"] = Audience,
            ["Security:ExternalIssuers:0:TenantId"] = "contoso",
            ["Security:ExternalIssuers:0:RequireHttps"] = "false",
            ["Security:ExternalIssuers:0:AllowedClientIds:0"] = "app-allowed",
            ["Security:ExternalIssuers:0:RoleScopes:Risk.Rules.Read"] = "rules:read",
            ["Security:ExternalIssuers:0:RoleScopes:Risk.Labels.Write"] = "labels:write",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    private JsonObject Payload(string clientId = "app-allowed", string audience = Audience, params string[] roles)
    {
        var now = _app.Time.GetUtcNow().ToUnixTimeSeconds();
        return new JsonObject
        {
            ["iss"] = _issuer.Issuer,
            ["aud"] = audience,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 3600,
            ["azp"] = clientId,
            ["tid"] = "00000000-entra-tenant-guid",
            ["roles"] = new JsonArray([.. (roles.Length == 0 ? ["Risk.Rules.Read"] : roles).Select(role => JsonValue.Create(role))]),
        };
    }

    private string Sign(JsonObject payload) => TestTokens.Sign(TestTokens.Header(_issuer.Signer), payload, _issuer.Signer);

    [Fact]
    public async Task Authenticate_ExternalToken_MapsToTheConfiguredTenantNotItsOwnTid()
    {
        using var response = await _app.ProbeWithTokenAsync(Sign(Payload()), RiskScopes.RulesRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("contoso", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Authorize_ExternalRolesMapToScopes_UnmappedRoleGrantsNothing()
    {
        var token = Sign(Payload(roles: ["Risk.Rules.Read", "rules:write"]));

        using var read = await _app.ProbeWithTokenAsync(token, RiskScopes.RulesRead);
        using var write = await _app.ProbeWithTokenAsync(token, RiskScopes.RulesWrite);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task Authenticate_ClientNotAllowed_Returns401()
    {
        using var response = await _app.ProbeWithTokenAsync(Sign(Payload(clientId: "some-other-app")));

        Assert.Contains("authorization: the token's client is not allowed", await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Authenticate_ExternalTokenForAnotherAudience_Returns401()
    {
        using var response = await _app.ProbeWithTokenAsync(Sign(Payload(audience: "https://graph.microsoft.com")));

        await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Authenticate_ExternalIssuerClaimSignedWithOurTrustedKey_Returns401()
    {
        // Keys are looked up in the claimed issuer's own key set only.
        using var response = await _app.ProbeWithTokenAsync(TestTokens.Sign(TestTokens.Header(TestTokens.Signer), Payload(), TestTokens.Signer));

        Assert.Contains("authorization: the token was signed with an unknown key", await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Authenticate_IssuerRotatesItsKey_NewKidIsFetchedAndAccepted()
    {
        using (var before = await _app.ProbeWithTokenAsync(Sign(Payload())))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        _issuer.Rotate();
        _app.Time.Advance(TimeSpan.FromMinutes(6));
        using var after = await _app.ProbeWithTokenAsync(Sign(Payload()));

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(2, _issuer.JwksFetches);
    }

    [Fact]
    public async Task Authenticate_FloodOfUnknownKids_FetchesKeysAtMostOncePerInterval()
    {
        using (var first = await _app.ProbeWithTokenAsync(Sign(Payload())))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var stranger = TestSigner.Ecdsa(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256), "unknown-kid");
        for (var i = 0; i < 5; i++)
        {
            using var response = await _app.ProbeWithTokenAsync(TestTokens.Sign(TestTokens.Header(stranger), Payload(), stranger));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Equal(1, _issuer.JwksFetches);
    }

    [Fact]
    public async Task Authenticate_IssuerConfiguredWithJwksUriOnly_AcceptsItsTokens()
    {
        await using var app = await SecurityTestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Security:ExternalIssuers:0:Issuer"] = _issuer.Issuer,
            ["Security:ExternalIssuers:0:JwksUri"] = _issuer.JwksUri.ToString(),
            ["Security:ExternalIssuers:0:Audience"] = Audience,
            ["Security:ExternalIssuers:0:TenantId"] = "fabrikam",
            ["Security:ExternalIssuers:0:RequireHttps"] = "false",
        });

        // No role mapping configured: values equal to our scope names are taken as they are.
        using var response = await app.ProbeWithTokenAsync(Sign(Payload(roles: [RiskScopes.RulesRead])), RiskScopes.RulesRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fabrikam", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Authenticate_DiscoveryDocumentNamesAnotherIssuer_NoKeyOfItIsTrusted()
    {
        _issuer.AdvertisedIssuer = "https://login.example/another-tenant/v2.0";

        using var response = await _app.ProbeWithTokenAsync(Sign(Payload()));

        Assert.Contains("authorization: the token was signed with an unknown key", await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Authenticate_IssuerRequiresHttpsButServesHttp_RefusesItsTokens()
    {
        await using var app = await SecurityTestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Security:ExternalIssuers:0:Issuer"] = _issuer.Issuer,
            ["Security:ExternalIssuers:0:MetadataAddress"] = _issuer.MetadataAddress.ToString(),
            ["Security:ExternalIssuers:0:Audience"] = Audience,
            ["Security:ExternalIssuers:0:TenantId"] = "contoso",
        });

        using var response = await app.ProbeWithTokenAsync(Sign(Payload()));

        Assert.Contains("authorization: the token was signed with an unknown key", await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized));
        Assert.Equal(0, _issuer.JwksFetches);
    }
}
