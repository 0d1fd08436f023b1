using Microsoft.IdentityModel.JsonWebTokens;
using RiskFunctions.Functions.Security.Tokens;

namespace RiskFunctions.Functions.Tests.Security;

public sealed class ValidatedTokenCacheTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static RiskTokenClaims Claims(string tenant = "acme") =>
        new(tenant, "acme.c", ["rules:read"], "https://issuer", "jti", Now.AddMinutes(-1), Now.AddHours(1));

    [Fact]
    public void TryGet_SameTail_DifferentToken_Misses()
    {
        var issuer = new StubIssuer();
        var cache = new ValidatedTokenCache(100);
        var tail = new string('s', 80);
        cache.Add("aaa.bbb." + tail, Claims(), issuer, issuer.CurrentKeys);

        Assert.False(cache.TryGet("xxx.bbb." + tail, Now, TimeSpan.Zero, out _));
        Assert.True(cache.TryGet("aaa.bbb." + tail, Now, TimeSpan.Zero, out var claims));
        Assert.Equal("acme", claims!.TenantId);
    }

    [Fact]
    public void TryGet_AfterExpiryOrBeforeNotBefore_Misses()
    {
        var issuer = new StubIssuer();
        var cache = new ValidatedTokenCache(100);
        cache.Add("t", Claims(), issuer, issuer.CurrentKeys);

        Assert.False(cache.TryGet("t", Now.AddHours(1), TimeSpan.Zero, out _));
        Assert.True(cache.TryGet("t", Now.AddHours(1), TimeSpan.FromSeconds(30), out _));
        Assert.False(cache.TryGet("t", Now.AddMinutes(-2), TimeSpan.Zero, out _));
    }

    [Fact]
    public void TryGet_IssuerKeysReplaced_Misses()
    {
        var issuer = new StubIssuer();
        var cache = new ValidatedTokenCache(100);
        cache.Add("t", Claims(), issuer, issuer.CurrentKeys);

        issuer.CurrentKeys = new TrustedKeySet([]);

        Assert.False(cache.TryGet("t", Now, TimeSpan.Zero, out _));
    }

    [Fact]
    public void Add_BeyondCapacity_KeepsAtMostCapacityAndTheNewest()
    {
        var issuer = new StubIssuer();
        var cache = new ValidatedTokenCache(10);
        for (var i = 0; i < 100; i++)
        {
            cache.Add("token-" + i, Claims(), issuer, issuer.CurrentKeys);
        }

        var remembered = Enumerable.Range(0, 100).Count(i => cache.TryGet("token-" + i, Now, TimeSpan.Zero, out _));
        Assert.InRange(remembered, 5, 10);
        Assert.True(cache.TryGet("token-99", Now, TimeSpan.Zero, out _));
        Assert.False(cache.TryGet("token-0", Now, TimeSpan.Zero, out _));
    }

    [Fact]
    public void TryGet_CapacityZero_NeverRemembers()
    {
        var issuer = new StubIssuer();
        var cache = new ValidatedTokenCache(0);
        cache.Add("t", Claims(), issuer, issuer.CurrentKeys);

        Assert.False(cache.TryGet("t", Now, TimeSpan.Zero, out _));
    }

    private sealed class StubIssuer : ITrustedIssuer
    {
        public string Issuer => "https://issuer";

        public string Audience => "aud";

        public TrustedKeySet CurrentKeys { get; set; } = new([]);

        public ValueTask<TrustedKeySet> GetKeysAsync(string keyId, CancellationToken cancellationToken) => ValueTask.FromResult(CurrentKeys);

        public TokenValidationResult MapClaims(JsonWebToken token, DateTimeOffset notBefore, DateTimeOffset expiresAt) =>
            TokenValidationResult.Fail(TokenFailure.MissingClaim);
    }
}
