using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RiskFunctions.Functions.Security;
using RiskFunctions.Testing.Http;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Security;

/// <summary>
/// The 463 cool-down on <c>GET /risk/v1/recommendation</c> through the local host (3 bad action tokens within a
/// minute block the client for 5). What happens as minutes pass is in <see cref="ActionTokenCoolDownTests"/>.
/// </summary>
[Collection(LimitsAppCollection.Name)]
public sealed class ActionTokenAbuseTests(LimitsAppFixture app)
{
    private const string Unknown = "0000000000000000000000000000000000000000000000000000000000000000";
    private const string Malformed = "not-an-action-token";

    private readonly string _client = "client-" + Guid.NewGuid().ToString("N")[..8];

    private string Token(string? client = null, params string[] scopes) => TestTokens.Create(new TestTokenDescriptor
    {
        TenantId = LimitsAppFixture.CoolDownTenant,
        ClientId = client ?? _client,
        Scopes = scopes.Length == 0 ? TestTokens.AllScopes : scopes,
    });

    private async Task<HttpResponseMessage> LookupAsync(string actionToken, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "risk/v1/recommendation?action_token=" + actionToken);
        request.Headers.Authorization = new("Bearer", token ?? Token());
        return await app.Client.SendAsync(request);
    }

    /// <summary>An action of the tenant, through trigger-action: a token the lookup knows.</summary>
    private async Task<string> KnownActionTokenAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "risk/v1/action/trigger-action")
        {
            Content = new StringContent("""{"action_type":"login","user_id":"user-1","context":{"ip":"192.0.2.44"}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", Token("trigger-" + Guid.NewGuid().ToString("N")[..8]));
        using var response = await app.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("action_token").GetString()!;
    }

    [Fact]
    public async Task Lookup_RepeatedUnknownTokens_Returns463WithUnderlyingErrorAndRetryAfter()
    {
        (await LookupAsync(Unknown)).Dispose();
        (await LookupAsync(Unknown)).Dispose();

        using var blocked = await LookupAsync(Unknown);

        var messages = await blocked.HasErrorBodyAsync((HttpStatusCode)463);
        Assert.Contains(messages, message => message.Contains("underlying error_code 404", StringComparison.Ordinal));
        Assert.Contains(messages, message => message.Contains("action_token: no action with this token", StringComparison.Ordinal));
        Assert.InRange(blocked.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Lookup_DuringCoolDown_EvenAValidTokenGets463()
    {
        var known = await KnownActionTokenAsync();
        using (var before = await LookupAsync(known))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        for (var i = 0; i < 3; i++)
        {
            (await LookupAsync(Malformed)).Dispose();
        }

        using var valid = await LookupAsync(known);

        var messages = await valid.HasErrorBodyAsync((HttpStatusCode)463);
        Assert.Contains(messages, message => message.Contains("underlying error_code 400", StringComparison.Ordinal));
        Assert.True(valid.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Lookup_BlockedClient_DoesNotAffectOtherClients()
    {
        var known = await KnownActionTokenAsync();
        for (var i = 0; i < 3; i++)
        {
            (await LookupAsync(Unknown)).Dispose();
        }

        using var blocked = await LookupAsync(known);
        using var other = await LookupAsync(known, Token("other-" + Guid.NewGuid().ToString("N")[..8]));

        Assert.Equal((HttpStatusCode)463, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Lookup_MissingScope_Stays403AndIsNotCounted()
    {
        var known = await KnownActionTokenAsync();
        var readOnlyRules = Token(_client, RiskScopes.RulesRead);
        for (var i = 0; i < 5; i++)
        {
            using var forbidden = await LookupAsync(Unknown, readOnlyRules);
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        using var allowed = await LookupAsync(known);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task ActionResult_RepeatedUnknownTokens_Returns463()
    {
        // The cool-down guards every function an action token is presented to, not only the lookup.
        for (var i = 0; i < 2; i++)
        {
            (await PostResultAsync(Unknown)).Dispose();
        }

        using var blocked = await PostResultAsync(Unknown);

        await blocked.HasErrorBodyAsync((HttpStatusCode)463);
    }

    private async Task<HttpResponseMessage> PostResultAsync(string actionToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "risk/v1/action/result")
        {
            Content = JsonContent.Create(new Dictionary<string, string> { ["action_token"] = actionToken, ["result"] = "success" }),
        };
        request.Headers.Authorization = new("Bearer", Token());
        return await app.Client.SendAsync(request);
    }
}
