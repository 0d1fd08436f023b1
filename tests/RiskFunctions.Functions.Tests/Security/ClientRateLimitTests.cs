using System.Net;
using RiskFunctions.Functions.Security;
using RiskFunctions.Testing.Http;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Security;

/// <summary>The per-client token bucket through the local host: 429 with Retry-After and the error body, per client, sized per tenant.</summary>
[Collection(LimitsAppCollection.Name)]
public sealed class ClientRateLimitTests(LimitsAppFixture app)
{
    /// <summary>
    /// Sent at once: the bucket refills one request a second, so a sequential burst on a slow machine could be
    /// refilled as fast as it is spent. This many cannot all be served unless they spread over seconds.
    /// </summary>
    private const int Flood = 12;

    private static string Token(string tenant, string client) =>
        TestTokens.Create(new TestTokenDescriptor { TenantId = tenant, ClientId = client });

    private async Task<HttpResponseMessage[]> FloodAsync(string token, int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => ScopeProbe.SendWithTokenAsync(app.Client, token)));

    [Fact]
    public async Task Request_BeyondTheClientsBurst_Returns429WithRetryAfterAndErrorBody()
    {
        var responses = await FloodAsync(Token(TestTenant.Create().Id, "a"), Flood);
        try
        {
            Assert.InRange(responses.Count(response => response.StatusCode == HttpStatusCode.OK), 1, Flood - 1);
            var limited = responses.First(response => response.StatusCode == HttpStatusCode.TooManyRequests);
            var messages = await limited.HasErrorBodyAsync(HttpStatusCode.TooManyRequests);
            Assert.StartsWith("rate:", messages[0], StringComparison.Ordinal);
            Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            Assert.All(responses, response => Assert.Contains(response.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        }
        finally
        {
            Array.ForEach(responses, response => response.Dispose());
        }
    }

    [Fact]
    public async Task Request_AnotherClientOfTheSameTenant_HasItsOwnBucket()
    {
        var tenant = TestTenant.Create().Id;
        var noisy = await FloodAsync(Token(tenant, "noisy"), Flood);
        Array.ForEach(noisy, response => response.Dispose());

        using var other = await ScopeProbe.SendWithTokenAsync(app.Client, Token(tenant, "quiet"));

        Assert.Contains(noisy, response => response.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Request_TenantWithItsOwnLimit_UsesIt()
    {
        var token = Token(LimitsAppFixture.BigTenant, "a-" + Guid.NewGuid().ToString("N")[..8]);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await ScopeProbe.SendWithTokenAsync(app.Client, token);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task Request_Unauthenticated_IsAnsweredWith401NotCounted()
    {
        for (var i = 0; i < 2 * LimitsAppFixture.Burst; i++)
        {
            using var anonymous = await ScopeProbe.SendAsync(app.Client, RiskScopes.RulesRead, authorization: null);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
    }
}
