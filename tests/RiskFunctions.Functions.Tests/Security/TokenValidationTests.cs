using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RiskFunctions.Functions.Tests.Security.CrossTenant;
using RiskFunctions.Functions.Security;
using RiskFunctions.Testing.FunctionApp;
using RiskFunctions.Testing.Http;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Security;

/// <summary>
/// Every way a bearer token can be wrong, sent through the local host to the worker's scope-protected functions.
/// Times are the real clock's: expired tokens are minted in the past.
/// </summary>
[Collection(FunctionAppCollection.Name)]
public sealed class TokenValidationTests(FunctionAppFixture app)
{
    private readonly TestTenant _tenant = TestTenant.Create();

    private TestTokenDescriptor Valid => new() { TenantId = _tenant.Id, IssuedAt = DateTimeOffset.UtcNow };

    private async Task<HttpResponseMessage> ProbeWithTokenAsync(string token, string scope = RiskScopes.RulesRead) =>
        await ScopeProbe.SendWithTokenAsync(app.Client, token, scope);

    [Fact]
    public async Task Authenticate_ValidToken_Returns200WithTenantFromToken()
    {
        var token = TestTokens.Create(Valid);
        using var listed = await ProbeWithTokenAsync(token);
        using var request = new HttpRequestMessage(HttpMethod.Post, "risk/v1/recommendation/rules")
        {
            Content = CrossTenantFixture.Json(TenantEndpoints.RuleBody("from-token", 7)),
        };
        request.Headers.Authorization = new("Bearer", token);
        using var created = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains("from-token", await RuleNamesAsync(_tenant));
        Assert.DoesNotContain("from-token", await RuleNamesAsync(TestTenant.Create()));
    }

    [Fact]
    public async Task Authenticate_NoAuthorizationHeader_Returns401WithErrorBodyAndChallenge()
    {
        using var response = await ScopeProbe.SendAsync(app.Client, RiskScopes.RulesRead, authorization: null);

        var messages = await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(messages, message => message.StartsWith("authorization:", StringComparison.Ordinal));
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer a.b")]
    [InlineData("Bearer a.b.c.d")]
    [InlineData("Bearer ey!!.ey!!.sig")]
    public async Task Authenticate_MalformedAuthorization_Returns401(string authorization)
    {
        using var response = await ScopeProbe.SendAsync(app.Client, RiskScopes.RulesRead, authorization);

        await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Authenticate_ForgedSignatureFromUnknownKeyWithTrustedKid_Returns401()
    {
        using var stranger = RSA.Create(2048);
        var signer = TestSigner.Rsa(stranger, TestTokens.KeyId);

        using var response = await ProbeWithTokenAsync(TestTokens.Sign(TestTokens.Header(signer), TestTokens.Payload(Valid), signer));

        var messages = await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("authorization: the token's signature is invalid", messages);
    }

    [Fact]
    public async Task Authenticate_TamperedTenantAfterSigning_Returns401()
    {
        var parts = TestTokens.Create(Valid).Split('.');
        var payload = TestTokens.Payload(Valid);
        payload["tid"] = "another-tenant";
        var forgedPayload = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));

        using var response = await ProbeWithTokenAsync($"{parts[0]}.{forgedPayload}.{parts[2]}");

        await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Authenticate_ExpiredToken_Returns401()
    {
        var token = TestTokens.Create(Valid with { IssuedAt = DateTimeOffset.UtcNow.AddHours(-2) });

        using var response = await ProbeWithTokenAsync(token);

        Assert.Contains("authorization: the token has expired", await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Authenticate_ExpiredWithinClockSkew_Returns200()
    {
        // Expired 10 s ago, well inside the validator's skew even when the request takes a while to arrive.
        var token = TestTokens.Create(Valid with { IssuedAt = DateTimeOffset.UtcNow.AddHours(-1).AddSeconds(-10) });

        using var response = await ProbeWithTokenAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Authenticate_NotYetValidToken_Returns401()
    {
        var token = TestTokens.Create(Valid with { NotBefore = DateTimeOffset.UtcNow.AddMinutes(10) });

        using var response = await ProbeWithTokenAsync(token);

        Assert.Contains("authorization: the token is not valid yet", await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Authenticate_IssuedInTheFuture_Returns401()
    {
        var token = TestTokens.Create(Valid with { IssuedAt = DateTimeOffset.UtcNow.AddMinutes(10), NotBefore = DateTimeOffset.UtcNow });

        using var response = await ProbeWithTokenAsync(token);

        await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Authenticate_WrongAudience_Returns401()
    {
        using var response = await ProbeWithTokenAsync(TestTokens.Create(Valid with { Audience = "https://graph.microsoft.com" }));

        Assert.Contains("authorization: the token was not issued for this API", await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Authenticate_WrongIssuerSignedWithTrustedKey_Returns401()
    {
        using var response = await ProbeWithTokenAsync(TestTokens.Create(Valid with { Issuer = "https://evil.example" }));

        Assert.Contains("authorization: the token's issuer is not trusted", await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("NONE")]
    [InlineData("nOnE")]
    public async Task Authenticate_AlgNone_Returns401(string algorithm)
    {
        var signer = TestSigner.None(TestTokens.KeyId, algorithm);

        using var response = await ProbeWithTokenAsync(TestTokens.Sign(TestTokens.Header(signer), TestTokens.Payload(Valid), signer));

        await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Authenticate_AlgNoneWithValidSignatureKept_Returns401()
    {
        var header = TestTokens.Header(TestTokens.Signer);
        header["alg"] = "none";

        using var response = await ProbeWithTokenAsync(TestTokens.Sign(header, TestTokens.Payload(Valid), TestTokens.Signer));

        Assert.Contains("authorization: the token's signing algorithm is not accepted", await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized));
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("HS384")]
    [InlineData("HS512")]
    public async Task Authenticate_KeyConfusionHmacKeyedWithPublicKey_Returns401(string algorithm)
    {
        // The classic attack: sign with HMAC using the verifier's public key as the shared secret.
        using var publicKey = RSA.Create();
        publicKey.ImportFromPem(TestTokens.SigningKeyPem);
        foreach (var secret in new[] { Encoding.ASCII.GetBytes(publicKey.ExportSubjectPublicKeyInfoPem()), publicKey.ExportSubjectPublicKeyInfo(), publicKey.ExportParameters(false).Modulus! })
        {
            var signer = TestSigner.Hmac(secret, TestTokens.KeyId, algorithm);

            using var response = await ProbeWithTokenAsync(TestTokens.Sign(TestTokens.Header(signer), TestTokens.Payload(Valid), signer));

            await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Authenticate_KeyConfusionEs256HeaderOnRsaKey_Returns401()
    {
        var signer = TestTokens.Signer.WithHeaderAlgorithm("ES256");

        using var response = await ProbeWithTokenAsync(TestTokens.Sign(TestTokens.Header(signer), TestTokens.Payload(Valid), signer));

        Assert.Contains("authorization: the token's signing algorithm is not accepted", await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized));
    }

    [Theory]
    [InlineData("PS256")]
    [InlineData("RS512")]
    public async Task Authenticate_OtherRsaAlgorithmOnTrustedKey_Returns401(string algorithm)
    {
        var signer = TestTokens.Signer.WithHeaderAlgorithm(algorithm);

        using var response = await ProbeWithTokenAsync(TestTokens.Sign(TestTokens.Header(signer), TestTokens.Payload(Valid), signer));

        await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Authenticate_UnknownKid_Returns401()
    {
        var signer = TestTokens.Signer.WithKeyId("some-other-key");

        using var response = await ProbeWithTokenAsync(TestTokens.Sign(TestTokens.Header(signer), TestTokens.Payload(Valid), signer));

        Assert.Contains("authorization: the token was signed with an unknown key", await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Authenticate_MissingKid_Returns401()
    {
        var signer = TestTokens.Signer.WithKeyId(null);

        using var response = await ProbeWithTokenAsync(TestTokens.Sign(TestTokens.Header(signer), TestTokens.Payload(Valid), signer));

        await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Authenticate_EmbeddedJwkHeaderIsIgnored_Returns401()
    {
        // A token that brings its own key (jwk/jku headers) must not be verified with that key.
        using var stranger = RSA.Create(2048);
        var signer = TestSigner.Rsa(stranger, "attacker");
        var header = TestTokens.Header(signer);
        var parameters = stranger.ExportParameters(false);
        header["jwk"] = new System.Text.Json.Nodes.JsonObject
        {
            ["kty"] = "RSA",
            ["kid"] = "attacker",
            ["n"] = System.Buffers.Text.Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = System.Buffers.Text.Base64Url.EncodeToString(parameters.Exponent),
        };
        header["jku"] = "https://evil.example/jwks.json";

        using var response = await ProbeWithTokenAsync(TestTokens.Sign(header, TestTokens.Payload(Valid), signer));

        await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Authenticate_CriticalHeaderExtension_Returns401()
    {
        var header = TestTokens.Header(TestTokens.Signer);
        header["crit"] = new System.Text.Json.Nodes.JsonArray("exp");

        using var response = await ProbeWithTokenAsync(TestTokens.Sign(header, TestTokens.Payload(Valid), TestTokens.Signer));

        await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Authenticate_DuplicateTenantClaim_Returns401()
    {
        // Parsers that keep the first or the last duplicate disagree; such a payload is refused outright.
        var json = TestTokens.Payload(Valid).ToJsonString();
        var duplicated = json[..^1] + ",\"tid\":\"another-tenant\"}";
        var header = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(TestTokens.Header(TestTokens.Signer).ToJsonString()));
        var payload = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(duplicated));
        var signature = TestTokens.Signer.Sign(Encoding.ASCII.GetBytes(header + "." + payload));

        using var response = await ProbeWithTokenAsync($"{header}.{payload}.{System.Buffers.Text.Base64Url.EncodeToString(signature)}");

        Assert.Contains("authorization: the bearer token is not a well-formed JWT", await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ACME")]
    [InlineData("acme/other")]
    [InlineData("acme'or'1")]
    [InlineData("-acme")]
    public async Task Authenticate_InvalidTenantId_Returns401(string tenantId)
    {
        using var response = await ProbeWithTokenAsync(TestTokens.Create(Valid with { TenantId = tenantId }));

        await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Authenticate_MissingTenantClaim_Returns401()
    {
        var payload = TestTokens.Payload(Valid);
        payload.Remove("tid");

        using var response = await ProbeWithTokenAsync(TestTokens.Sign(TestTokens.Header(TestTokens.Signer), payload, TestTokens.Signer));

        Assert.Contains("authorization: the token lacks a required claim", await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Authenticate_OversizedToken_Returns401()
    {
        var payload = TestTokens.Payload(Valid);
        payload["padding"] = new string('x', 10_000);

        using var response = await ProbeWithTokenAsync(TestTokens.Sign(TestTokens.Header(TestTokens.Signer), payload, TestTokens.Signer));

        await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Authorize_ValidTokenWithoutScope_Returns403NamingTheScope()
    {
        var token = TestTokens.Create(Valid with { Scopes = [RiskScopes.RulesRead] });

        using var response = await ProbeWithTokenAsync(token, RiskScopes.RulesWrite);

        var messages = await response.HasErrorBodyAsync(HttpStatusCode.Forbidden);
        Assert.Contains("authorization: the token lacks the scope 'rules:write'", messages);
        Assert.Contains("insufficient_scope", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_UnknownScopesInToken_AreNotGranted()
    {
        var token = TestTokens.Create(Valid with { Scopes = ["rules:write:all", "RULES:WRITE", "admin"] });

        using var response = await ProbeWithTokenAsync(token, RiskScopes.RulesWrite);

        await response.HasErrorBodyAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public void TestTokens_AllScopes_MatchTheServicesScopes()
    {
        Assert.Equal(RiskScopes.All, TestTokens.AllScopes);
    }

    private async Task<List<string>> RuleNamesAsync(TestTenant tenant)
    {
        using var client = app.ClientFor(tenant);
        var rules = await client.GetFromJsonAsync<JsonElement>("risk/v1/recommendation/rules");
        return [.. rules.GetProperty("data").EnumerateArray().Select(rule => rule.GetProperty("name").GetString()!)];
    }
}
