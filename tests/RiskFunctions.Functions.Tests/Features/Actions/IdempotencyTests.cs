using System.Net;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Testing.FunctionApp;
using RiskFunctions.Testing.Security;
using static RiskFunctions.Functions.Tests.Features.Actions.ActionCalls;

namespace RiskFunctions.Functions.Tests.Features.Actions;

/// <summary>
/// <c>Idempotency-Key</c> on the action endpoints through the local host and the real worker. A non-ASCII key cannot
/// pass the host (see <see cref="EndpointInputTests"/>); a retry seconds later is in <see cref="ClockedIdempotencyTests"/>.
/// </summary>
[Collection(FunctionAppCollection.Name)]
public sealed class IdempotencyTests(FunctionAppFixture app)
{
    private readonly AppTables _tables = new(app);

    private static HttpRequestMessage Trigger(string body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/risk/v1/action/trigger-action?get_recommendation=true") { Content = JsonText(body) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return request;
    }

    [Fact]
    public async Task Trigger_RetriedWithTheSameKey_ReturnsTheFirstAnswerAndStoresOneAction()
    {
        var tenant = TestTenant.Create();
        var client = app.ClientFor(tenant);
        var body = Login().ToJsonString();

        var first = await client.SendAsync(Trigger(body, "key-1"));
        var retry = await client.SendAsync(Trigger(body, "key-1"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(1, await _tables.CountRowsAsync(ActionTables.ActionsTableName, tenant));
    }

    [Fact]
    public async Task Trigger_SameKeyDifferentBody_Is422AndStoresNothingMore()
    {
        var tenant = TestTenant.Create();
        var client = app.ClientFor(tenant);
        await client.SendAsync(Trigger(Login(user: "a").ToJsonString(), "key-2"));

        var reused = await client.SendAsync(Trigger(Login(user: "b").ToJsonString(), "key-2"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Contains("Idempotency-Key: was already used for a different request", (await BodyAsync(reused))["message"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(1, await _tables.CountRowsAsync(ActionTables.ActionsTableName, tenant));
    }

    [Fact]
    public async Task Trigger_SameKeyForAnotherTenant_IsIndependent()
    {
        var body = Login().ToJsonString();

        var mine = await app.ClientFor(TestTenant.Create()).SendAsync(Trigger(body, "shared-key"));
        var theirs = await app.ClientFor(TestTenant.Create()).SendAsync(Trigger(body, "shared-key"));

        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        Assert.False(theirs.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual((await BodyAsync(mine))["action_token"]!.ToString(), (await BodyAsync(theirs))["action_token"]!.ToString());
    }

    [Fact]
    public async Task Trigger_InvalidBodyWithKey_IsNotRememberedSoAFixedRetryRuns()
    {
        var tenant = TestTenant.Create();
        var client = app.ClientFor(tenant);

        var invalid = await client.SendAsync(Trigger("{\"action_type\":\"\"}", "key-3"));
        var fixedRetry = await client.SendAsync(Trigger("{\"action_type\":\"\"}", "key-3"));

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, fixedRetry.StatusCode);
        Assert.False(fixedRetry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(0, await _tables.CountRowsAsync(ActionTables.ActionsTableName, tenant));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("bad\u0001key")]
    public async Task Trigger_MalformedKey_Is400(string key)
    {
        var tenant = TestTenant.Create();

        var response = await app.ClientFor(tenant).SendAsync(Trigger(Login().ToJsonString(), key));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key:", (await BodyAsync(response))["message"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, await _tables.CountRowsAsync(ActionTables.ActionsTableName, tenant));
    }

    [Fact]
    public async Task Trigger_OverlongKey_Is400()
    {
        var response = await app.ClientFor(TestTenant.Create()).SendAsync(Trigger(Login().ToJsonString(), new string('k', 256)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Result_RetriedWithTheSameKey_IsReplayed()
    {
        var client = app.ClientFor(TestTenant.Create());
        var (_, body) = await TriggerAsync(client, Login());
        var result = $"{{\"action_token\":\"{body["action_token"]}\",\"result\":\"success\"}}";

        HttpRequestMessage Request() => new(HttpMethod.Post, "/risk/v1/action/result") { Content = JsonText(result), Headers = { { "Idempotency-Key", "r-1" } } };
        var first = await client.SendAsync(Request());
        var retry = await client.SendAsync(Request());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
    }
}
