using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RiskFunctions.Testing.FunctionApp;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Smoke;

/// <summary>
/// Each HTTP function answers through the local Functions host and the real worker process, with the pipeline its
/// declarations ask for (authentication, scopes, error formats, cool-down, idempotency, security headers).
/// </summary>
[Collection(FunctionAppCollection.Name)]
public sealed class HttpFunctionSmokeTests(FunctionAppFixture app)
{
    private const string LoginAction = """
        {"action_type":"login","user_id":"user-1","correlation_id":"c-1",
         "context":{"ip":"192.0.2.44","device_id":"device-abc","user_agent":"Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0 Safari/537.36"}}
        """;

    [Fact]
    public async Task Health_Live_Answers200WithSecurityHeaders()
    {
        using var response = await app.Client.GetAsync(new Uri("health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task HealthReady_StorageUp_Answers200()
    {
        using var response = await app.Client.GetAsync(new Uri("health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"storage\":\"Healthy\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openapi/v1.json", "application/json")]
    [InlineData("openapi/v1.yaml", "application/yaml")]
    [InlineData(".well-known/jwks.json", "application/json")]
    [InlineData(".well-known/openid-configuration", "application/json")]
    public async Task PublicDocuments_WithoutToken_Answer200(string path, string contentType)
    {
        using var response = await app.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(contentType, response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_UnknownClient_Answers401InOAuthShape()
    {
        using var response = await app.Client.PostAsync(new Uri("oidc/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "nobody",
            ["client_secret"] = "wrong",
            ["resource"] = TestTokens.Audience,
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await ReadJsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task TriggerAction_WithoutToken_Answers401WithErrorBody()
    {
        using var response = await app.Client.PostAsync(new Uri("risk/v1/action/trigger-action", UriKind.Relative), Json(LoginAction));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, (await ReadJsonAsync(response)).GetProperty("error_code").GetInt32());
    }

    [Fact]
    public async Task TriggerAction_WithoutScope_Answers403NamingIt()
    {
        using var client = app.ClientFor(TestTenant.Create(), "labels:read");

        using var response = await client.PostAsync(new Uri("risk/v1/action/trigger-action", UriKind.Relative), Json(LoginAction));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("insufficient_scope", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActionFlow_TriggerResultRecommendation_AnswerThroughTheHost()
    {
        using var client = app.ClientFor(TestTenant.Create());

        using var triggered = await client.PostAsync(new Uri("risk/v1/action/trigger-action?get_recommendation=true", UriKind.Relative), Json(LoginAction));
        Assert.Equal(HttpStatusCode.Created, triggered.StatusCode);
        var token = (await ReadJsonAsync(triggered)).GetProperty("action_token").GetString()!;

        using var result = await client.PostAsync(new Uri("risk/v1/action/result", UriKind.Relative), Json($$"""{"action_token":"{{token}}","result":"success"}"""));
        Assert.Equal(HttpStatusCode.Created, result.StatusCode);

        using var recommendation = await client.GetAsync(new Uri($"risk/v1/recommendation?action_token={token}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, recommendation.StatusCode);
        Assert.Equal("success", (await ReadJsonAsync(recommendation)).GetProperty("recommendation").GetProperty("result").GetString());
    }

    [Fact]
    public async Task TriggerAction_SameIdempotencyKey_ReplaysTheFirstAnswer()
    {
        using var client = app.ClientFor(TestTenant.Create());

        using var first = await SendWithKeyAsync(client, "key-1");
        using var second = await SendWithKeyAsync(client, "key-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Rules_CreateListGetUpdateHitsDelete_AnswerThroughTheHost()
    {
        using var client = app.ClientFor(TestTenant.Create());
        const string Rule = """{"name":"office","priority":10,"matcher":{"ip_cidrs":["10.0.0.0/8"]},"recommendation":"DENY","enabled":true,"mode":"PRODUCTION"}""";

        using var created = await client.PostAsync(new Uri("risk/v1/recommendation/rules", UriKind.Relative), Json(Rule));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ruleId = (await ReadJsonAsync(created)).GetProperty("rule_id").GetString()!;

        using var list = await client.GetAsync(new Uri("risk/v1/recommendation/rules", UriKind.Relative));
        using var get = await client.GetAsync(new Uri($"risk/v1/recommendation/rules/{ruleId}", UriKind.Relative));
        using var update = await client.PutAsync(new Uri($"risk/v1/recommendation/rules/{ruleId}", UriKind.Relative), Json(Rule.Replace("10,", "20,", StringComparison.Ordinal)));
        using var hits = await client.GetAsync(new Uri($"risk/v1/recommendation/rules/{ruleId}/hits", UriKind.Relative));
        using var deleted = await client.DeleteAsync(new Uri($"risk/v1/recommendation/rules/{ruleId}", UriKind.Relative));
        using var gone = await client.GetAsync(new Uri($"risk/v1/recommendation/rules/{ruleId}", UriKind.Relative));

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound],
            [list.StatusCode, get.StatusCode, update.StatusCode, hits.StatusCode, deleted.StatusCode, gone.StatusCode]);
    }

    [Fact]
    public async Task GetLabel_UnknownId_Answers404InRiskShape()
    {
        using var client = app.ClientFor(TestTenant.Create());

        using var response = await client.GetAsync(new Uri($"risk/v1/label/{new string('a', 32)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, (await ReadJsonAsync(response)).GetProperty("error_code").GetInt32());
    }

    [Fact]
    public async Task RavelinLabel_BadBody_AnswersInRavelinShape()
    {
        using var client = app.ClientFor(TestTenant.Create());

        using var response = await client.PostAsync(new Uri("ravelin/v2/customer/c1/labels", UriKind.Relative), Json("""{"review":"FRAUDSTER"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        Assert.Contains("category", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataDomeFeedback_BadBody_AnswersInDataDomeShape()
    {
        using var client = app.ClientFor(TestTenant.Create());

        using var response = await client.PostAsync(new Uri("datadome/v1/feedback", UriKind.Relative), Json("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal("Bad Request", body.GetProperty("error").GetString());
        Assert.NotEqual(0, body.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task LithicFraudReport_ReportedThenRead_AnswersTheReport()
    {
        using var client = app.ClientFor(TestTenant.Create());
        using var triggered = await client.PostAsync(new Uri("risk/v1/action/trigger-action", UriKind.Relative), Json(LoginAction));
        var token = (await ReadJsonAsync(triggered)).GetProperty("action_token").GetString()!;

        using var reported = await client.PostAsync(
            new Uri($"lithic/v1/fraud/transactions/{token}", UriKind.Relative), Json("""{"fraud_status":"SUSPECTED_FRAUD","fraud_type":"ACCOUNT_TAKEOVER"}"""));
        using var read = await client.GetAsync(new Uri($"lithic/v1/fraud/transactions/{token}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
        Assert.Equal("SUSPECTED_FRAUD", (await ReadJsonAsync(read)).GetProperty("fraud_status").GetString());
    }

    [Fact]
    public async Task LithicFraudReport_UnknownTransaction_Answers404InLithicShape()
    {
        using var client = app.ClientFor(TestTenant.Create());

        using var response = await client.GetAsync(new Uri($"lithic/v1/fraud/transactions/{new string('b', 64)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.False(body.TryGetProperty("error_code", out _));
        Assert.Contains("transaction_token", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportActions_DeclaredBodyOverItsLimit_Answers413()
    {
        using var client = app.ClientFor(TestTenant.Create());
        using var content = new ByteArrayContent(new byte[(8 * 1024 * 1024) + 1]);
        content.Headers.ContentType = new("application/x-ndjson");

        using var response = await client.PostAsync(new Uri("risk/v1/import/actions", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, (await ReadJsonAsync(response)).GetProperty("error_code").GetInt32());
    }

    [Fact]
    public async Task TriggerAction_BodyOverTheServiceLimit_Answers413()
    {
        using var client = app.ClientFor(TestTenant.Create());

        using var response = await client.PostAsync(new Uri("risk/v1/action/trigger-action", UriKind.Relative), Json(new string(' ', 70_000) + LoginAction));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendWithKeyAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("risk/v1/action/trigger-action", UriKind.Relative)) { Content = Json(LoginAction) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
