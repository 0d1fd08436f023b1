using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Security;

/// <summary>
/// A real OpenID provider's key publication on a loopback port: a discovery document and a JWKS with
/// ES256 keys that the test can rotate, counting how often each is fetched.
/// </summary>
public sealed class FakeOidcIssuer : IAsyncDisposable
{
    /// <summary>Like Entra ID, the issuer is a path below the host and its discovery document sits below that.</summary>
    private const string TenantPath = "/tenant-guid/v2.0";

    private readonly WebApplication _app;
    private volatile (ECDsa Key, string KeyId)[] _keys;
    private int _jwksFetches;
    private string _baseAddress = "";

    private FakeOidcIssuer(WebApplication app, (ECDsa, string)[] keys)
    {
        _app = app;
        _keys = keys;
    }

    public string Issuer { get; private set; } = "";

    public Uri MetadataAddress => new(Issuer + "/.well-known/openid-configuration");

    /// <summary>The JWKS document alone, for an issuer configured without discovery.</summary>
    public Uri JwksUri => new(_baseAddress + "/discovery/keys");

    /// <summary>When set, the discovery document names this issuer instead of its own (a misconfigured or hostile document).</summary>
    public string? AdvertisedIssuer { get; set; }

    public int JwksFetches => Volatile.Read(ref _jwksFetches);

    /// <summary>Signs with the newest key.</summary>
    public TestSigner Signer => TestSigner.Ecdsa(_keys[^1].Key, _keys[^1].KeyId);

    public static async Task<FakeOidcIssuer> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var issuer = new FakeOidcIssuer(app, [NewKey()]);
        app.MapGet(TenantPath + "/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, string>
        {
            ["issuer"] = issuer.AdvertisedIssuer ?? issuer.Issuer,
            ["jwks_uri"] = issuer._baseAddress + "/discovery/keys",
        }));
        app.MapGet("/discovery/keys", () =>
        {
            Interlocked.Increment(ref issuer._jwksFetches);
            return Results.Json(new { keys = issuer._keys.Select(pair => Jwk(pair.Key, pair.KeyId)).ToArray() });
        });
        await app.StartAsync();
        issuer._baseAddress = app.Urls.First().TrimEnd('/');
        issuer.Issuer = issuer._baseAddress + TenantPath;
        return issuer;
    }

    /// <summary>Publishes a new signing key next to the old one, as providers do before switching.</summary>
    public void Rotate() => _keys = [.. _keys, NewKey()];

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var (key, _) in _keys)
        {
            key.Dispose();
        }
    }

    private static (ECDsa, string) NewKey() => (ECDsa.Create(ECCurve.NamedCurves.nistP256), "kid-" + Guid.NewGuid().ToString("N")[..8]);

    private static Dictionary<string, string> Jwk(ECDsa key, string keyId)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, string>
        {
            ["kty"] = "EC",
            ["use"] = "sig",
            ["crv"] = "P-256",
            ["kid"] = keyId,
            ["x"] = Base64Url.EncodeToString(parameters.Q.X),
            ["y"] = Base64Url.EncodeToString(parameters.Q.Y),
        };
    }
}
