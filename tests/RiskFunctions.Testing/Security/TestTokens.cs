using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace RiskFunctions.Testing.Security;

/// <summary>
/// Access tokens for tests. A handler started with <see cref="HandlerSettings"/> (in-process
/// configuration) or <see cref="HandlerEnvironment"/> (a child process) trusts the process-wide test
/// key, so <see cref="Create(string, string[])"/> gives a token for any tenant and scopes.
/// The JWT is built here independently of the handler's own code, so tests also check the wire format.
/// </summary>
public static class TestTokens
{
    /// <summary>The issuer the handler under test is configured with.</summary>
    public const string Issuer = "https://issuer.risk.test";

    /// <summary>The audience of the risk API (the token endpoint's <c>resource</c>).</summary>
    public const string Audience = "https://risk.identity.security";

    private static readonly Lazy<RSA> Key = new(() => RSA.Create(2048));
    private static readonly Lazy<string> Thumbprint = new(() => ThumbprintOf(Key.Value));

    /// <summary>Every scope a client can hold (kept equal to the handler's list by a test).</summary>
    public static IReadOnlyList<string> AllScopes { get; } =
        ["actions:write", "recommendations:read", "rules:read", "rules:write", "labels:read", "labels:write", "import:write", "models:write"];

    /// <summary>The trusted key's <c>kid</c> (its RFC 7638 thumbprint, as the handler computes it).</summary>
    public static string KeyId => Thumbprint.Value;

    /// <summary>The trusted private key as PKCS#8 PEM.</summary>
    public static string SigningKeyPem => Key.Value.ExportPkcs8PrivateKeyPem();

    /// <summary>Signs with the key the handler trusts.</summary>
    public static TestSigner Signer => TestSigner.Rsa(Key.Value, KeyId);

    /// <summary>Configuration (colon keys) that makes a handler trust these tokens.</summary>
    public static IReadOnlyDictionary<string, string?> HandlerSettings => new Dictionary<string, string?>
    {
        ["Security:Tokens:Issuer"] = Issuer,
        ["Security:Tokens:Audience"] = Audience,
        ["Security:Signing:CurrentKey"] = SigningKeyPem,
    };

    /// <summary>The same settings as environment variables (<c>__</c> separators) for a handler process.</summary>
    public static IReadOnlyDictionary<string, string> HandlerEnvironment =>
        HandlerSettings.ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value ?? "");

    /// <summary>A valid one-hour token for <paramref name="tenantId"/> with the given scopes (all of them when none are given).</summary>
    public static string Create(string tenantId, params string[] scopes) =>
        Create(new TestTokenDescriptor { TenantId = tenantId, Scopes = scopes.Length == 0 ? AllScopes : scopes });

    public static string Create(TestTokenDescriptor descriptor) => Sign(Header(Signer), Payload(descriptor), Signer);

    /// <summary>The JOSE header a signer writes; tests may edit it before <see cref="Sign"/>.</summary>
    public static JsonObject Header(TestSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var header = new JsonObject { ["alg"] = signer.Algorithm, ["typ"] = "at+jwt" };
        if (signer.KeyId is not null)
        {
            header["kid"] = signer.KeyId;
        }

        return header;
    }

    /// <summary>The claims of a descriptor; tests may edit them before <see cref="Sign"/>.</summary>
    public static JsonObject Payload(TestTokenDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var issuedAt = descriptor.IssuedAt ?? DateTimeOffset.UtcNow;
        return new JsonObject
        {
            ["iss"] = descriptor.Issuer,
            ["sub"] = descriptor.ClientId,
            ["aud"] = descriptor.Audience,
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["nbf"] = (descriptor.NotBefore ?? issuedAt).ToUnixTimeSeconds(),
            ["exp"] = (issuedAt + descriptor.Lifetime).ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["tid"] = descriptor.TenantId,
            ["client_id"] = descriptor.ClientId,
            ["scope"] = string.Join(' ', descriptor.Scopes),
        };
    }

    /// <summary>Encodes and signs a compact JWS exactly as given (no checks: forged tokens are the point).</summary>
    public static string Sign(JsonObject header, JsonObject payload, TestSigner signer)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(signer);
        var signingInput = Encode(header.ToJsonString()) + "." + Encode(payload.ToJsonString());
        return signingInput + "." + Base64Url.EncodeToString(signer.Sign(Encoding.ASCII.GetBytes(signingInput)));
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    private static string ThumbprintOf(RSA key)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        var canonical = $$"""{"e":"{{Base64Url.EncodeToString(parameters.Exponent)}}","kty":"RSA","n":"{{Base64Url.EncodeToString(parameters.Modulus)}}"}""";
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
