using RiskFunctions.Testing.Http;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RiskFunctions.Handler.Errors;
using RiskFunctions.Handler.Security;
using RiskFunctions.Handler.Security.Abuse;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Handler.Tests.Security;

/// <summary>
/// The 463 cool-down on a lookup-by-action-token endpoint (a stand-in with GET /recommendation's
/// answers: 404 for an unknown token, 400 for a malformed one), driven by a manual clock.
/// </summary>
public sealed class ActionTokenAbuseTests : IAsyncLifetime
{
    private SecurityTestApp _app = null!;

    public async Task InitializeAsync() => _app = await SecurityTestApp.StartAsync(
        new Dictionary<string, string?>
        {
            ["Security:ActionTokenAbuse:Threshold"] = "3",
            ["Security:ActionTokenAbuse:Window"] = "00:01:00",
            ["Security:ActionTokenAbuse:CoolDown"] = "00:05:00",
        },
        map: app => app.MapGet("/lookup", (string action_token) => action_token switch
            {
                "known" => Results.Text("found"),
                "malformed" => ApiError.BadRequest("action_token", "is not a valid action token"),
                _ => (IResult)ApiError.NotFound("action_token", "no such action"),
            })
            .RequireAuthorization(RiskScopes.RecommendationsRead)
            .WithActionTokenAbuseProtection());

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string Token(string client) =>
        TestTokens.Create(new TestTokenDescriptor { TenantId = "acme", ClientId = client, IssuedAt = _app.Time.GetUtcNow() });

    private async Task<HttpResponseMessage> LookupAsync(string client, string actionToken, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/lookup?action_token=" + actionToken);
        request.Headers.Authorization = new("Bearer", token ?? Token(client));
        return await _app.Client.SendAsync(request);
    }

    [Fact]
    public async Task Lookup_RepeatedUnknownTokens_Returns463WithUnderlyingErrorAndRetryAfter()
    {
        (await LookupAsync("a", "bad-1")).Dispose();
        (await LookupAsync("a", "bad-2")).Dispose();

        using var blocked = await LookupAsync("a", "bad-3");

        var messages = await blocked.HasErrorBodyAsync((HttpStatusCode)463);
        Assert.Contains(messages, message => message.Contains("underlying error_code 404", StringComparison.Ordinal));
        Assert.Contains(messages, message => message.Contains("action_token: no such action", StringComparison.Ordinal));
        Assert.Equal(TimeSpan.FromMinutes(5), blocked.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Lookup_DuringCoolDown_EvenAValidTokenGets463()
    {
        for (var i = 0; i < 3; i++)
        {
            (await LookupAsync("b", "malformed")).Dispose();
        }

        _app.Time.Advance(TimeSpan.FromMinutes(4));
        using var valid = await LookupAsync("b", "known");

        var messages = await valid.HasErrorBodyAsync((HttpStatusCode)463);
        Assert.Contains(messages, message => message.Contains("underlying error_code 400", StringComparison.Ordinal));
        Assert.Equal(TimeSpan.FromMinutes(1), valid.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Lookup_AfterTheCoolDown_Recovers()
    {
        for (var i = 0; i < 3; i++)
        {
            (await LookupAsync("c", "bad")).Dispose();
        }

        _app.Time.Advance(TimeSpan.FromMinutes(5));
        using var recovered = await LookupAsync("c", "known");
        using var unknownAgain = await LookupAsync("c", "bad");

        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownAgain.StatusCode);
    }

    [Fact]
    public async Task Lookup_FailuresSpreadBeyondTheWindow_NeverBlock()
    {
        for (var i = 0; i < 6; i++)
        {
            using var response = await LookupAsync("d", "bad");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            _app.Time.Advance(TimeSpan.FromSeconds(31));
        }
    }

    [Fact]
    public async Task Lookup_BlockedClient_DoesNotAffectOtherClients()
    {
        for (var i = 0; i < 3; i++)
        {
            (await LookupAsync("e", "bad")).Dispose();
        }

        using var other = await LookupAsync("f", "known");

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Lookup_MissingScope_Stays403AndIsNotCounted()
    {
        var readOnlyRules = TestTokens.Create(new TestTokenDescriptor { TenantId = "acme", ClientId = "g", Scopes = [RiskScopes.RulesRead], IssuedAt = _app.Time.GetUtcNow() });
        for (var i = 0; i < 5; i++)
        {
            using var forbidden = await LookupAsync("g", "bad", readOnlyRules);
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        using var allowed = await LookupAsync("g", "known");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }
}
