using RiskFunctions.Testing.Http;
using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RiskFunctions.Handler.Security;
using RiskFunctions.Handler.Security.Keys;
using RiskFunctions.Handler.Security.Tokens;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Handler.Tests.Security;

/// <summary>Key loading, rotation and publication: tokens of the current and the previous key both validate.</summary>
public sealed class SigningKeyTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "risk-keys-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Jwks_ConfiguredKey_PublishesItsPublicHalfOnly()
    {
        await using var app = await SecurityTestApp.StartAsync();

        using var response = await app.Client.GetAsync("/.well-known/jwks.json");

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
        await using var app = await SecurityTestApp.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Host = "evil.example";

        using var response = await app.Client.SendAsync(request);

        var document = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(TestTokens.Issuer, document.GetProperty("issuer").GetString());
        Assert.Equal(TestTokens.Issuer + "/.well-known/jwks.json", document.GetProperty("jwks_uri").GetString());
        Assert.Equal(TestTokens.Issuer + "/oidc/token", document.GetProperty("token_endpoint").GetString());
    }

    [Fact]
    public async Task Rotate_TokensOfPreviousAndCurrentKey_BothValidateAndBothArePublished()
    {
        var store = new LocalKeyStore(_directory);
        store.LoadOrCreate(JwtAlgorithms.RS256).Dispose();
        var settings = new Dictionary<string, string?> { ["Security:Signing:CurrentKey"] = "", ["Security:Signing:KeyDirectory"] = _directory };
        string oldToken, oldKid;
        await using (var before = await SecurityTestApp.StartAsync(settings))
        {
            oldToken = IssueToken(before, "acme");
            oldKid = before.Services.GetRequiredService<SigningKeyRing>().Current!.KeyId;
        }

        store.Rotate(JwtAlgorithms.RS256).Dispose();
        await using var after = await SecurityTestApp.StartAsync(settings);
        var newToken = IssueToken(after, "acme");

        using (var old = await after.ProbeWithTokenAsync(oldToken))
        using (var current = await after.ProbeWithTokenAsync(newToken))
        {
            Assert.Equal(HttpStatusCode.OK, old.StatusCode);
            Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        }

        var jwks = await after.Client.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");
        var kids = jwks.GetProperty("keys").EnumerateArray().Select(key => key.GetProperty("kid").GetString()!).ToArray();
        var ring = after.Services.GetRequiredService<SigningKeyRing>();
        Assert.Equal(new[] { ring.Current!.KeyId, oldKid }, kids);
        Assert.NotEqual(oldKid, ring.Current.KeyId);
    }

    [Fact]
    public async Task Rotate_Twice_TokensOfTheDroppedKeyAreRefused()
    {
        var store = new LocalKeyStore(_directory);
        store.LoadOrCreate(JwtAlgorithms.ES256).Dispose();
        var settings = new Dictionary<string, string?> { ["Security:Signing:CurrentKey"] = "", ["Security:Signing:KeyDirectory"] = _directory };
        string oldestToken;
        await using (var first = await SecurityTestApp.StartAsync(settings))
        {
            oldestToken = IssueToken(first, "acme");
        }

        store.Rotate(JwtAlgorithms.ES256).Dispose();
        store.Rotate(JwtAlgorithms.ES256).Dispose();
        await using var app = await SecurityTestApp.StartAsync(settings);

        using var response = await app.ProbeWithTokenAsync(oldestToken);

        Assert.Contains("authorization: the token was signed with an unknown key", await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized));
    }

    [Fact]
    public void LocalKeyStore_GeneratedKey_IsReadableByOwnerOnly()
    {
        var store = new LocalKeyStore(_directory);
        store.LoadOrCreate(JwtAlgorithms.RS256).Dispose();

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.CurrentKeyPath));
        }
    }

    [Fact]
    public async Task Issue_Es256ConfiguredKey_TokenCarriesEveryClaimAndValidates()
    {
        var generated = SigningKeys.Generate(JwtAlgorithms.ES256);
        var settings = new Dictionary<string, string?> { ["Security:Signing:CurrentKey"] = SigningKeys.ExportPrivateKeyPem(generated) };
        await using var app = await SecurityTestApp.StartAsync(settings);

        var issued = app.Services.GetRequiredService<AccessTokenFactory>().Create("acme", "demo", [RiskScopes.RulesRead, "unknown:scope"]);

        // Read independently of the library: the wire format is the contract.
        var parts = issued.AccessToken.Split('.');
        Assert.Equal(3, parts.Length);
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        Assert.Equal("ES256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal(generated.KeyId, header.RootElement.GetProperty("kid").GetString());
        Assert.Equal("at+jwt", header.RootElement.GetProperty("typ").GetString());
        var claims = payload.RootElement;
        Assert.Equal(TestTokens.Issuer, claims.GetProperty("iss").GetString());
        Assert.Equal(TestTokens.Audience, claims.GetProperty("aud").GetString());
        Assert.Equal("acme", claims.GetProperty("tid").GetString());
        Assert.Equal("demo", claims.GetProperty("client_id").GetString());
        Assert.Equal("demo", claims.GetProperty("sub").GetString());
        Assert.Equal("rules:read", claims.GetProperty("scope").GetString());
        Assert.Equal(["rules:read"], claims.GetProperty("roles").EnumerateArray().Select(role => role.GetString()));
        Assert.Equal(issued.TokenId, claims.GetProperty("jti").GetString());
        Assert.Equal(claims.GetProperty("iat").GetInt64(), claims.GetProperty("nbf").GetInt64());
        Assert.Equal(claims.GetProperty("iat").GetInt64() + 3600, claims.GetProperty("exp").GetInt64());
        Assert.Equal(app.Time.GetUtcNow().ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
        Assert.Equal(3600, issued.ExpiresInSeconds);
        using var response = await app.ProbeWithTokenAsync(issued.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Start_NoSigningKeyConfigured_StartsAndRefusesEveryBuiltInToken()
    {
        var settings = new Dictionary<string, string?> { ["Security:Signing:CurrentKey"] = "" };
        await using var app = await SecurityTestApp.StartAsync(settings);

        using var response = await app.ProbeWithTokenAsync(TestTokens.Create("acme"));

        await response.HasErrorBodyAsync(HttpStatusCode.Unauthorized);
        Assert.False(app.Services.GetRequiredService<AccessTokenFactory>().CanIssue);
    }

    [Fact]
    public async Task Start_UnreadableSigningKey_FailsStartup()
    {
        var settings = new Dictionary<string, string?> { ["Security:Signing:CurrentKey"] = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----" };

        await Assert.ThrowsAnyAsync<Exception>(() => SecurityTestApp.StartAsync(settings));
    }

    [Fact]
    public async Task Start_UnresolvedKeyVaultReferenceForPreviousKey_StartsWithTheCurrentKeyOnly()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Security:Signing:PreviousKey"] = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/token-signing-key-previous/)",
        };
        await using var app = await SecurityTestApp.StartAsync(settings);

        using var response = await app.ProbeWithTokenAsync(TestTokens.Create(new TestTokenDescriptor { TenantId = "acme", IssuedAt = app.Time.GetUtcNow() }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(app.Services.GetRequiredService<SigningKeyRing>().Previous);
    }

    [Fact]
    public async Task Start_UnresolvedKeyVaultReferenceForCurrentKey_FailsStartup()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Security:Signing:CurrentKey"] = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/token-signing-key/)",
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SecurityTestApp.StartAsync(settings));
        Assert.Contains("Key Vault reference", error.Message, StringComparison.Ordinal);
    }

    private static string IssueToken(SecurityTestApp app, string tenant) =>
        app.Services.GetRequiredService<AccessTokenFactory>().Create(tenant, "demo", RiskScopes.Default).AccessToken;
}
