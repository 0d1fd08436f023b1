using System.Buffers.Text;
using System.Text.Json;
using RiskFunctions.Functions.Security;
using RiskFunctions.Functions.Security.Keys;
using RiskFunctions.Functions.Security.Tokens;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Security;

/// <summary>
/// Key loading and rotation as a worker start sees them (one composition per start): tokens of the current and the
/// previous key both validate, a dropped key's do not, and a key that cannot be read stops the start.
/// </summary>
public sealed class SigningKeyRotationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "risk-keys-" + Guid.NewGuid().ToString("N"));

    private Dictionary<string, string?> KeyDirectorySettings => new()
    {
        ["Security:Signing:CurrentKey"] = "",
        ["Security:Signing:KeyDirectory"] = _directory,
    };

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Rotate_TokensOfPreviousAndCurrentKey_BothValidateAndBothArePublished()
    {
        var store = new LocalKeyStore(_directory);
        store.LoadOrCreate(JwtAlgorithms.RS256).Dispose();
        string oldToken, oldKid;
        await using (var before = SecurityServices.Create(KeyDirectorySettings))
        {
            oldToken = IssueToken(before, "acme");
            oldKid = before.Get<SigningKeyRing>().Current!.KeyId;
        }

        store.Rotate(JwtAlgorithms.RS256).Dispose();
        await using var after = SecurityServices.Create(KeyDirectorySettings);
        var newToken = IssueToken(after, "acme");

        Assert.True((await after.ValidateAsync(oldToken)).Succeeded);
        Assert.True((await after.ValidateAsync(newToken)).Succeeded);
        var ring = after.Get<SigningKeyRing>();
        Assert.Equal(new[] { ring.Current!.KeyId, oldKid }, ring.PublishedKeys.Select(key => key.KeyId));
        Assert.NotEqual(oldKid, ring.Current.KeyId);
    }

    [Fact]
    public async Task Rotate_Twice_TokensOfTheDroppedKeyAreRefused()
    {
        var store = new LocalKeyStore(_directory);
        store.LoadOrCreate(JwtAlgorithms.ES256).Dispose();
        string oldestToken;
        await using (var first = SecurityServices.Create(KeyDirectorySettings))
        {
            oldestToken = IssueToken(first, "acme");
        }

        store.Rotate(JwtAlgorithms.ES256).Dispose();
        store.Rotate(JwtAlgorithms.ES256).Dispose();
        await using var restarted = SecurityServices.Create(KeyDirectorySettings);

        var result = await restarted.ValidateAsync(oldestToken);

        Assert.Equal(TokenFailure.UnknownKey, result.Failure);
        Assert.Equal("the token was signed with an unknown key", result.Failure.Describe());
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
        await using var security = SecurityServices.Create(new Dictionary<string, string?> { ["Security:Signing:CurrentKey"] = SigningKeys.ExportPrivateKeyPem(generated) });

        var issued = security.Get<AccessTokenFactory>().Create("acme", "demo", [RiskScopes.RulesRead, "unknown:scope"]);

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
        Assert.Equal(security.Time.GetUtcNow().ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
        Assert.Equal(3600, issued.ExpiresInSeconds);
        var validated = await security.ValidateAsync(issued.AccessToken);
        Assert.True(validated.Succeeded, validated.Failure.Describe());
        Assert.Equal(["rules:read"], validated.Claims!.Scopes);
    }

    [Fact]
    public async Task Start_NoSigningKeyConfigured_StartsAndRefusesEveryBuiltInToken()
    {
        await using var security = SecurityServices.Create(new Dictionary<string, string?> { ["Security:Signing:CurrentKey"] = "" });

        var result = await security.ValidateAsync(security.Token("acme"));

        Assert.False(result.Succeeded);
        Assert.False(security.Get<AccessTokenFactory>().CanIssue);
    }

    [Fact]
    public async Task Start_UnreadableSigningKey_FailsStartup()
    {
        await using var security = SecurityServices.Create(new Dictionary<string, string?>
        {
            ["Security:Signing:CurrentKey"] = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----",
        });

        Assert.ThrowsAny<Exception>(() => security.Get<SigningKeyRing>());
    }

    [Fact]
    public async Task Start_UnresolvedKeyVaultReferenceForPreviousKey_StartsWithTheCurrentKeyOnly()
    {
        await using var security = SecurityServices.Create(new Dictionary<string, string?>
        {
            ["Security:Signing:PreviousKey"] = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/token-signing-key-previous/)",
        });

        var result = await security.ValidateAsync(security.Token("acme"));

        Assert.True(result.Succeeded, result.Failure.Describe());
        Assert.Null(security.Get<SigningKeyRing>().Previous);
    }

    [Fact]
    public async Task Start_UnresolvedKeyVaultReferenceForCurrentKey_FailsStartup()
    {
        await using var security = SecurityServices.Create(new Dictionary<string, string?>
        {
            ["Security:Signing:CurrentKey"] = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/token-signing-key/)",
        });

        var error = Assert.Throws<InvalidOperationException>(() => security.Get<SigningKeyRing>());
        Assert.Contains("Key Vault reference", error.Message, StringComparison.Ordinal);
    }

    private static string IssueToken(SecurityServices security, string tenant) =>
        security.Get<AccessTokenFactory>().Create(tenant, "demo", RiskScopes.Default).AccessToken;
}
