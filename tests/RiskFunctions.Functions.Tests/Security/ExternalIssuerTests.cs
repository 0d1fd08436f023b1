using System.Text.Json.Nodes;
using RiskFunctions.Functions.Security;
using RiskFunctions.Functions.Security.Tokens;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Security;

/// <summary>
/// Tokens of an external OpenID issuer (an Entra ID stand-in on loopback HTTP) mapped to one of our tenants, on the
/// validator the worker composes with a manual clock (key refresh intervals) and an issuer of each test's own
/// (fetch counts, rotations). <see cref="ExternalIssuerApiTests"/> sends such tokens through the local host.
/// </summary>
public sealed class ExternalIssuerTests : IAsyncLifetime
{
    private const string Audience = ExternalIssuerAppFixture.Audience;
    private FakeOidcIssuer _issuer = null!;
    private SecurityServices _security = null!;

    public async Task InitializeAsync()
    {
        _issuer = await FakeOidcIssuer.StartAsync();
        _security = SecurityServices.Create(ExternalIssuerAppFixture.IssuerSettings(_issuer, ":"));
    }

    public async Task DisposeAsync()
    {
        await _security.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    private string Sign(JsonObject payload) => TestTokens.Sign(TestTokens.Header(_issuer.Signer), payload, _issuer.Signer);

    private JsonObject Payload(string clientId = "app-allowed", string audience = Audience, params string[] roles) =>
        ExternalIssuerAppFixture.Payload(_issuer, _security.Time.GetUtcNow(), clientId, audience, roles);

    [Fact]
    public async Task Validate_ExternalToken_MapsToTheConfiguredTenantNotItsOwnTid()
    {
        var result = await _security.ValidateAsync(Sign(Payload()));

        Assert.True(result.Succeeded, result.Failure.Describe());
        Assert.Equal("contoso", result.Claims!.TenantId);
    }

    [Fact]
    public async Task Validate_ExternalRolesMapToScopes_UnmappedRoleGrantsNothing()
    {
        var result = await _security.ValidateAsync(Sign(Payload(roles: ["Risk.Rules.Read", "rules:write"])));

        Assert.True(result.Succeeded, result.Failure.Describe());
        Assert.Equal([RiskScopes.RulesRead], result.Claims!.Scopes);
    }

    [Fact]
    public async Task Validate_ClientNotAllowed_IsRefused()
    {
        var result = await _security.ValidateAsync(Sign(Payload(clientId: "some-other-app")));

        Assert.Equal(TokenFailure.ClientNotAllowed, result.Failure);
    }

    [Fact]
    public async Task Validate_ExternalTokenForAnotherAudience_IsRefused()
    {
        var result = await _security.ValidateAsync(Sign(Payload(audience: "https://graph.microsoft.com")));

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task Validate_ExternalIssuerClaimSignedWithOurTrustedKey_IsAnUnknownKey()
    {
        // Keys are looked up in the claimed issuer's own key set only.
        var result = await _security.ValidateAsync(TestTokens.Sign(TestTokens.Header(TestTokens.Signer), Payload(), TestTokens.Signer));

        Assert.Equal(TokenFailure.UnknownKey, result.Failure);
    }

    [Fact]
    public async Task Validate_IssuerRotatesItsKey_NewKidIsFetchedAndAccepted()
    {
        Assert.True((await _security.ValidateAsync(Sign(Payload()))).Succeeded);

        _issuer.Rotate();
        _security.Time.Advance(TimeSpan.FromMinutes(6));
        var after = await _security.ValidateAsync(Sign(Payload()));

        Assert.True(after.Succeeded, after.Failure.Describe());
        Assert.Equal(2, _issuer.JwksFetches);
    }

    [Fact]
    public async Task Validate_FloodOfUnknownKids_FetchesKeysAtMostOncePerInterval()
    {
        Assert.True((await _security.ValidateAsync(Sign(Payload()))).Succeeded);

        var stranger = TestSigner.Ecdsa(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256), "unknown-kid");
        for (var i = 0; i < 5; i++)
        {
            var result = await _security.ValidateAsync(TestTokens.Sign(TestTokens.Header(stranger), Payload(), stranger));
            Assert.False(result.Succeeded);
        }

        Assert.Equal(1, _issuer.JwksFetches);
    }

    [Fact]
    public async Task Validate_IssuerConfiguredWithJwksUriOnly_AcceptsItsTokens()
    {
        await using var security = SecurityServices.Create(new Dictionary<string, string?>
        {
            ["Security:ExternalIssuers:0:Issuer"] = _issuer.Issuer,
            ["Security:ExternalIssuers:0:JwksUri"] = _issuer.JwksUri.ToString(),
            ["Security:ExternalIssuers:0:Audience"] = Audience,
            ["Security:ExternalIssuers:0:TenantId"] = "fabrikam",
            ["Security:ExternalIssuers:0:RequireHttps"] = "false",
        });

        // No role mapping configured: values equal to our scope names are taken as they are.
        var result = await security.ValidateAsync(Sign(Payload(roles: [RiskScopes.RulesRead])));

        Assert.True(result.Succeeded, result.Failure.Describe());
        Assert.Equal("fabrikam", result.Claims!.TenantId);
        Assert.Equal([RiskScopes.RulesRead], result.Claims.Scopes);
    }

    [Fact]
    public async Task Validate_DiscoveryDocumentNamesAnotherIssuer_NoKeyOfItIsTrusted()
    {
        _issuer.AdvertisedIssuer = "https://login.example/another-tenant/v2.0";

        var result = await _security.ValidateAsync(Sign(Payload()));

        Assert.Equal(TokenFailure.UnknownKey, result.Failure);
    }

    [Fact]
    public async Task Validate_IssuerRequiresHttpsButServesHttp_RefusesItsTokens()
    {
        await using var security = SecurityServices.Create(new Dictionary<string, string?>
        {
            ["Security:ExternalIssuers:0:Issuer"] = _issuer.Issuer,
            ["Security:ExternalIssuers:0:MetadataAddress"] = _issuer.MetadataAddress.ToString(),
            ["Security:ExternalIssuers:0:Audience"] = Audience,
            ["Security:ExternalIssuers:0:TenantId"] = "contoso",
        });

        var result = await security.ValidateAsync(Sign(Payload()));

        Assert.Equal(TokenFailure.UnknownKey, result.Failure);
        Assert.Equal(0, _issuer.JwksFetches);
    }
}
