using RiskFunctions.Testing.Http;
using System.Net;
using RiskFunctions.Handler.Security;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Handler.Tests.Security;

/// <summary>The per-client token bucket: 429 with Retry-After and the error body, per client, sized per tenant.</summary>
public sealed class ClientRateLimitTests : IAsyncLifetime
{
    private SecurityTestApp _app = null!;

    public async Task InitializeAsync() => _app = await SecurityTestApp.StartAsync(new Dictionary<string, string?>
    {
        ["Security:RateLimits:Default:Burst"] = "3",
        ["Security:RateLimits:Default:PermitsPerSecond"] = "1",
        ["Security:RateLimits:Tenants:big-tenant:Burst"] = "50",
        ["Security:RateLimits:Tenants:big-tenant:PermitsPerSecond"] = "50",
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string Token(string tenant, string client) =>
        TestTokens.Create(new TestTokenDescriptor { TenantId = tenant, ClientId = client, IssuedAt = _app.Time.GetUtcNow() });

    private async Task<HttpStatusCode[]> BurstAsync(string token, int count)
    {
        var statuses = new HttpStatusCode[count];
        for (var i = 0; i < count; i++)
        {
            using var response = await _app.ProbeWithTokenAsync(token);
            statuses[i] = response.StatusCode;
        }

        return statuses;
    }

    [Fact]
    public async Task Request_BeyondTheClientsBurst_Returns429WithRetryAfterAndErrorBody()
    {
        var token = Token("small-tenant", "a");
        await BurstAsync(token, 3);

        using var limited = await _app.ProbeWithTokenAsync(token);

        var messages = await limited.HasErrorBodyAsync(HttpStatusCode.TooManyRequests);
        Assert.StartsWith("rate:", messages[0], StringComparison.Ordinal);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Request_AnotherClientOfTheSameTenant_HasItsOwnBucket()
    {
        await BurstAsync(Token("small-tenant2", "noisy"), 6);

        using var other = await _app.ProbeWithTokenAsync(Token("small-tenant2", "quiet"));

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Request_TenantWithItsOwnLimit_UsesIt()
    {
        var statuses = await BurstAsync(Token("big-tenant", "a"), 20);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task Request_Unauthenticated_IsAnsweredWith401NotCounted()
    {
        for (var i = 0; i < 6; i++)
        {
            using var anonymous = await _app.ProbeAsync(RiskScopes.RulesRead, authorization: null);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
    }
}
