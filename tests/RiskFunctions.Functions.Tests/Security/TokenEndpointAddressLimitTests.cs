using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using RiskFunctions.Functions.Security.Hardening;

namespace RiskFunctions.Functions.Tests.Security;

/// <summary>
/// The token endpoint's per-address budget through the local host, which (like the Functions host) reaches the
/// worker from loopback: the address is the front end's right-most <c>X-Forwarded-For</c> entry, never one the
/// caller wrote.
/// </summary>
[Collection(LimitsAppCollection.Name)]
public sealed class TokenEndpointAddressLimitTests(LimitsAppFixture app)
{
    private async Task<HttpResponseMessage> RequestTokenAsync(string forwardedFor, string clientId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "oidc/token")
        {
            Content = TokenEndpointFixture.Form(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", "x")),
        };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        return await app.Client.SendAsync(request);
    }

    [Fact]
    public async Task Token_TooManyRequestsFromOneAddress_Returns429()
    {
        // An address of this test alone, so the tests' budgets never mix.
        var address = "2001:db8::" + Guid.NewGuid().ToString("N")[..4];

        var (refusedBefore, limited) = await UntilLimitedAsync(attempt => RequestTokenAsync(address, $"t.c{attempt}"));

        using (limited)
        {
            Assert.Equal("temporarily_unavailable", await TokenEndpointTests.OAuthErrorAsync(limited, HttpStatusCode.TooManyRequests));
            Assert.NotNull(limited.Headers.RetryAfter);
        }

        AssertBudgetSpent(refusedBefore);
    }

    [Fact]
    public async Task Token_SpoofedForwardedForEntries_DoNotEscapeTheAddressLimit()
    {
        // The caller writes what it likes to the left; the front end's entry (right-most) stays the same.
        var frontEndSeen = "2001:db8::" + Guid.NewGuid().ToString("N")[..4];

        var (refusedBefore, limited) = await UntilLimitedAsync(attempt => RequestTokenAsync($"198.51.100.{attempt}, {frontEndSeen}", "t.c"));

        limited.Dispose();
        AssertBudgetSpent(refusedBefore);
    }

    /// <summary>
    /// Requests until one is limited. The budget refills once a minute on the limiter's own timer, which may tick
    /// during the test: then up to two budgets pass before the limit, never more (the test takes under a minute).
    /// </summary>
    private static async Task<(int RefusedBefore, HttpResponseMessage Limited)> UntilLimitedAsync(Func<int, Task<HttpResponseMessage>> request)
    {
        for (var attempt = 0; attempt <= 2 * LimitsAppFixture.TokenRequestsPerAddress; attempt++)
        {
            var response = await request(attempt);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return (attempt, response);
            }

            using (response)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }
        }

        Assert.Fail($"No request was limited after {(2 * LimitsAppFixture.TokenRequestsPerAddress) + 1} from one address.");
        return default;
    }

    private static void AssertBudgetSpent(int refusedBefore) =>
        Assert.InRange(refusedBefore, LimitsAppFixture.TokenRequestsPerAddress, 2 * LimitsAppFixture.TokenRequestsPerAddress);

    [Fact]
    public void Resolve_ForwardedForWithoutTrust_IsTheConnectionsAddress()
    {
        var addresses = new ClientAddress(Options.Create(new HardeningOptions { TrustForwardedFor = false }));
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Loopback;
        http.Request.Headers["X-Forwarded-For"] = "203.0.113.9";

        Assert.Equal("127.0.0.1", addresses.Resolve(http));
    }

    [Fact]
    public void Resolve_ForwardedForFromARemoteCaller_IsNotTrusted()
    {
        var addresses = new ClientAddress(Options.Create(new HardeningOptions { TrustForwardedFor = true }));
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.10");
        http.Request.Headers["X-Forwarded-For"] = "203.0.113.9";

        Assert.Equal("192.0.2.10", addresses.Resolve(http));
    }
}
