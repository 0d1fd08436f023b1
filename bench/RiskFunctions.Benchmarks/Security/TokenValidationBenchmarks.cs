using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using RiskFunctions.Handler.Security;
using RiskFunctions.Handler.Security.Authentication;
using RiskFunctions.Handler.Security.Keys;
using RiskFunctions.Handler.Security.Tokens;

namespace RiskFunctions.Benchmarks.Security;

/// <summary>
/// Bearer-token validation as the request path runs it: the validated-token cache hit (shape check,
/// lookup, lifetime and key-snapshot check) and the principal the authentication handler builds from it,
/// against full RS256 and ES256 verification (parse, signature, claims) as baselines.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class TokenValidationBenchmarks
{
    private RiskTokenValidator _cached = null!;
    private RiskTokenValidator _uncachedRs256 = null!;
    private RiskTokenValidator _uncachedEs256 = null!;
    private string _rs256Token = null!;
    private string _es256Token = null!;
    private SigningKeyRing _rsa = null!;
    private SigningKeyRing _ecdsa = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(new TokenOptions { Issuer = "https://risk.example" });
        _rsa = new SigningKeyRing(SigningKey.Generate(JwtAlgorithms.RS256), previous: null);
        _ecdsa = new SigningKeyRing(SigningKey.Generate(JwtAlgorithms.ES256), previous: null);
        _rs256Token = new AccessTokenFactory(_rsa, TimeProvider.System, options).Create("acme", "acme.backend", RiskScopes.Default).AccessToken;
        _es256Token = new AccessTokenFactory(_ecdsa, TimeProvider.System, options).Create("acme", "acme.backend", RiskScopes.Default).AccessToken;

        _cached = Validator(_rsa, options, cacheSize: 10_000);
        _uncachedRs256 = Validator(_rsa, options, cacheSize: 0);
        _uncachedEs256 = Validator(_ecdsa, options, cacheSize: 0);
        if (!_cached.ValidateAsync(_rs256Token).Result.Succeeded || !_uncachedEs256.ValidateAsync(_es256Token).Result.Succeeded)
        {
            throw new InvalidOperationException("The benchmark tokens do not validate.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rsa.Dispose();
        _ecdsa.Dispose();
    }

    [Benchmark(Description = "cached: validate")]
    public bool Cached() => _cached.ValidateAsync(_rs256Token).Result.Succeeded;

    [Benchmark(Description = "cached: validate + principal (request path)")]
    public object CachedWithPrincipal() =>
        RiskPrincipal.Create(_cached.ValidateAsync(_rs256Token).Result.Claims!, RiskTokenDefaults.AuthenticationScheme);

    /// <summary>What keying the cache by a SHA-256 of the token (an earlier design) cost per lookup, for comparison.</summary>
    [Benchmark(Description = "reference: SHA-256 of the token")]
    public byte[] Sha256OfToken() => SHA256.HashData(Encoding.ASCII.GetBytes(_rs256Token));

    [Benchmark(Baseline = true, Description = "uncached: RS256 verify + claims")]
    public bool UncachedRs256() => _uncachedRs256.ValidateAsync(_rs256Token).Result.Succeeded;

    [Benchmark(Description = "uncached: ES256 verify + claims")]
    public bool UncachedEs256() => _uncachedEs256.ValidateAsync(_es256Token).Result.Succeeded;

    private static RiskTokenValidator Validator(SigningKeyRing ring, IOptions<TokenOptions> options, int cacheSize) =>
        new([new BuiltInIssuer(ring, options)], new ValidatedTokenCache(cacheSize), TimeProvider.System, options);
}
