using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using RiskFunctions.Functions.Security;
using RiskFunctions.Functions.Security.Authentication;
using RiskFunctions.Functions.Security.Keys;
using RiskFunctions.Functions.Security.Tokens;

namespace RiskFunctions.Benchmarks.Security;

/// <summary>
/// Bearer-token validation as the request path runs it: the validated-token cache hit (length check,
/// lookup, lifetime and key-snapshot check) and the principal the authentication handler builds from it,
/// against full RS256 and ES256 validation by <c>JsonWebTokenHandler</c> (parse, signature, lifetime,
/// audience, claims) as baselines, and token issuance (<c>JsonWebTokenHandler.CreateToken</c>).
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
    private AccessTokenFactory _issueRs256 = null!;
    private AccessTokenFactory _issueEs256 = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(new TokenOptions { Issuer = "https://risk.example" });
        _rsa = new SigningKeyRing(SigningKeys.Generate(JwtAlgorithms.RS256), previous: null);
        _ecdsa = new SigningKeyRing(SigningKeys.Generate(JwtAlgorithms.ES256), previous: null);
        _issueRs256 = new AccessTokenFactory(_rsa, TimeProvider.System, options);
        _issueEs256 = new AccessTokenFactory(_ecdsa, TimeProvider.System, options);
        _rs256Token = _issueRs256.Create("acme", "acme.backend", RiskScopes.Default).AccessToken;
        _es256Token = _issueEs256.Create("acme", "acme.backend", RiskScopes.Default).AccessToken;

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

    [Benchmark(Description = "issue: RS256 token")]
    public string IssueRs256() => _issueRs256.Create("acme", "acme.backend", RiskScopes.Default).AccessToken;

    [Benchmark(Description = "issue: ES256 token")]
    public string IssueEs256() => _issueEs256.Create("acme", "acme.backend", RiskScopes.Default).AccessToken;

    private static RiskTokenValidator Validator(SigningKeyRing ring, IOptions<TokenOptions> options, int cacheSize) =>
        new([new BuiltInIssuer(ring, options)], new ValidatedTokenCache(cacheSize), TimeProvider.System, options);
}
