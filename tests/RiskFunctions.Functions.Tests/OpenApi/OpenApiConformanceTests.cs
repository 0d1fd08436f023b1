using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RiskFunctions.Functions.Security.Commands;
using RiskFunctions.Testing.OpenApi;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.OpenApi;

/// <summary>
/// A scripted walk through every operation of the service's own OpenAPI document, successes and the usual
/// refusals, through Prism: the document must describe every answer the service gives, and accept every request
/// the service accepts.
/// </summary>
public sealed class OpenApiConformanceTests(OpenApiConformanceFixture fixture) : IClassFixture<OpenApiConformanceFixture>
{
    private const string HomeAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

    private readonly List<string> _violations = [];
    private readonly HashSet<string> _covered = new(StringComparer.Ordinal);

    [Fact]
    public async Task Walk_EveryOperation_NoViolations()
    {
        var tenant = TestTenant.Create("conformance");
        using var anonymous = fixture.PrismClient();
        using var client = fixture.PrismClient(tenant);
        using var readOnly = fixture.PrismClient(tenant, "rules:read");

        await WalkDiscoveryAsync(anonymous);
        await WalkTokenEndpointAsync(anonymous, tenant);
        await WalkActionsAsync(client, readOnly, anonymous);
        await WalkImportAsync(client);
        await WalkRulesAsync(client);
        await WalkLabelsAsync(client);
        await WalkDialectsAsync(client);
        await WalkRingsAndCampaignsAsync(client);
        await WalkModelsAsync(client, readOnly);

        Assert.True(_violations.Count == 0, "Prism found departures from the served document:\n" + string.Join('\n', _violations));
        var missing = DocumentOperations().Where(operation => !_covered.Contains(operation)).ToList();
        Assert.True(missing.Count == 0, "The walk does not exercise: " + string.Join(", ", missing));
    }

    private async Task WalkDiscoveryAsync(HttpClient anonymous)
    {
        foreach (var path in new[] { "health", "health/ready", ".well-known/jwks.json", ".well-known/openid-configuration", "openapi/v1.json", "openapi/v1.yaml" })
        {
            await CheckAsync("GET /" + path, anonymous.GetAsync(path), HttpStatusCode.OK);
        }
    }

    private async Task WalkTokenEndpointAsync(HttpClient anonymous, TestTenant tenant)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SecurityCommands.BootstrapAsync(new ClientCommand(tenant.Id, "walk", Json: true), output, error,
            fixture.Settings.Select(setting => KeyValuePair.Create(setting.Key.Replace("__", ":", StringComparison.Ordinal), (string?)setting.Value)));
        Assert.True(exitCode == 0, error.ToString());
        using var credentials = JsonDocument.Parse(output.ToString());
        var clientId = credentials.RootElement.GetProperty("client_id").GetString()!;
        var secret = credentials.RootElement.GetProperty("client_secret").GetString()!;

        const string Operation = "POST /oidc/token";
        await CheckAsync(Operation, anonymous.PostAsync("oidc/token", Form(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret), ("resource", TestTokens.Audience))), HttpStatusCode.OK);
        await CheckAsync(Operation, anonymous.PostAsync("oidc/token", Form(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", "wrong"), ("resource", TestTokens.Audience))), HttpStatusCode.Unauthorized);
        await CheckAsync(Operation, anonymous.PostAsync("oidc/token", Form(("client_id", clientId))), HttpStatusCode.BadRequest, requestIsValid: false);
    }

    private async Task WalkActionsAsync(HttpClient client, HttpClient readOnly, HttpClient anonymous)
    {
        const string Trigger = "POST /risk/v1/action/trigger-action";
        var login = Json(new JsonObject
        {
            ["action_type"] = "login",
            ["user_id"] = "walker",
            ["context"] = new JsonObject { ["ip"] = "192.0.2.44", ["user_agent"] = HomeAgent, ["device_id"] = "device-walker" },
        });
        var triggered = await CheckAsync(Trigger, client.PostAsync("risk/v1/action/trigger-action?get_recommendation=true", login()), HttpStatusCode.Created);
        var actionToken = triggered!["action_token"]!.GetValue<string>();
        await CheckAsync(Trigger, client.PostAsync("risk/v1/action/trigger-action", login()), HttpStatusCode.Created);
        await CheckAsync(Trigger, client.PostAsync("risk/v1/action/trigger-action", Text("""{"action_type":7}""")), HttpStatusCode.BadRequest, requestIsValid: false);
        await CheckAsync(Trigger, client.PostAsync("risk/v1/action/trigger-action", new StringContent("action_type=login")), HttpStatusCode.UnsupportedMediaType, requestIsValid: false);
        await CheckAsync(Trigger, readOnly.PostAsync("risk/v1/action/trigger-action", login()), HttpStatusCode.Forbidden);
        await CheckAsync(Trigger, anonymous.PostAsync("risk/v1/action/trigger-action", login()), HttpStatusCode.Unauthorized, requestIsValid: false);

        const string Get = "GET /risk/v1/recommendation";
        await CheckAsync(Get, client.GetAsync("risk/v1/recommendation?action_token=" + actionToken), HttpStatusCode.OK);
        await CheckAsync(Get, client.GetAsync("risk/v1/recommendation?action_token=" + new string('0', 64)), HttpStatusCode.NotFound);
        await CheckAsync(Get, client.GetAsync("risk/v1/recommendation?action_token=nope"), HttpStatusCode.BadRequest, requestIsValid: false);

        const string Result = "POST /risk/v1/action/result";
        await CheckAsync(Result, client.PostAsync("risk/v1/action/result", Text($$"""{"action_token":"{{actionToken}}","result":"success"}""")), HttpStatusCode.Created);
        await CheckAsync(Result, client.PostAsync("risk/v1/action/result", Text($$"""{"action_token":"{{new string('0', 64)}}","result":"success"}""")), HttpStatusCode.NotFound);
        await CheckAsync(Result, client.PostAsync("risk/v1/action/result", Text("""{"action_token":"nope","result":"won"}""")), HttpStatusCode.BadRequest, requestIsValid: false);
        await CheckAsync(Get, client.GetAsync("risk/v1/recommendation?action_token=" + actionToken), HttpStatusCode.OK);
    }

    private async Task WalkImportAsync(HttpClient client)
    {
        const string Operation = "POST /risk/v1/import/actions";
        var line = """{"type":"action","ref":"walk-1","occurred_at":1700000000000,"action":{"action_type":"login","user_id":"imported"}}""";
        await CheckAsync(Operation, client.PostAsync("risk/v1/import/actions", new StringContent(line + "\n", Encoding.UTF8, "application/x-ndjson")), HttpStatusCode.OK);
        await CheckAsync(Operation, client.PostAsync("risk/v1/import/actions", new StringContent("""{"type":"nope"}""" + "\n", Encoding.UTF8, "application/x-ndjson")), HttpStatusCode.BadRequest, requestIsValid: false);

        // The streamed answer, as a script driving a long import asks for it.
        using var streamed = new HttpRequestMessage(HttpMethod.Post, "risk/v1/import/actions")
        {
            Content = new StringContent(line.Replace("walk-1", "walk-2", StringComparison.Ordinal) + "\n", Encoding.UTF8, "application/x-ndjson"),
        };
        streamed.Headers.Accept.ParseAdd("application/x-ndjson");
        await CheckAsync(Operation, client.SendAsync(streamed), HttpStatusCode.OK);
    }

    private async Task WalkRulesAsync(HttpClient client)
    {
        const string Create = "POST /risk/v1/recommendation/rules";
        var created = await CheckAsync(Create, client.PostAsync("risk/v1/recommendation/rules", Text(Rule("walk-cidr", 10, """{"ip_cidrs":["192.0.2.0/24"]}"""))), HttpStatusCode.Created);
        var ruleId = created!["rule_id"]!.GetValue<string>();
        await CheckAsync(Create, client.PostAsync("risk/v1/recommendation/rules", Text(Rule("walk-country", 11, """{"country_codes":["KP"]}"""))), HttpStatusCode.Created);
        await CheckAsync(Create, client.PostAsync("risk/v1/recommendation/rules", Text(Rule("walk-again", 10, """{"user_ids":["u"]}"""))), HttpStatusCode.Conflict);
        await CheckAsync(Create, client.PostAsync("risk/v1/recommendation/rules", Text("""{"priority":5000,"matcher":{"ip_cidrs":["10.0.0.0/99"]},"recommendation":"BLOCK","enabled":true,"mode":"LIVE"}""")), HttpStatusCode.BadRequest, requestIsValid: false);

        const string List = "GET /risk/v1/recommendation/rules";
        await CheckAsync(List, client.GetAsync("risk/v1/recommendation/rules"), HttpStatusCode.OK);
        var firstPage = await CheckAsync(List, client.GetAsync("risk/v1/recommendation/rules?limit=1"), HttpStatusCode.OK);
        var cursor = Uri.EscapeDataString(firstPage!["next_cursor"]!.GetValue<string>());
        await CheckAsync(List, client.GetAsync("risk/v1/recommendation/rules?limit=1&cursor=" + cursor), HttpStatusCode.OK);
        await CheckAsync(List, client.GetAsync("risk/v1/recommendation/rules?limit=0"), HttpStatusCode.BadRequest, requestIsValid: false);
        const string GetOne = "GET /risk/v1/recommendation/rules/{rule_id}";
        await CheckAsync(GetOne, client.GetAsync("risk/v1/recommendation/rules/" + ruleId), HttpStatusCode.OK);
        await CheckAsync(GetOne, client.GetAsync("risk/v1/recommendation/rules/" + new string('0', 32)), HttpStatusCode.NotFound);
        const string Put = "PUT /risk/v1/recommendation/rules/{rule_id}";
        await CheckAsync(Put, client.PutAsync("risk/v1/recommendation/rules/" + ruleId, Text(Rule("walk-cidr", 12, """{"device_ids":["d-1"]}"""))), HttpStatusCode.OK);
        await CheckAsync(Put, SendIfMatchAsync(client, HttpMethod.Put, "risk/v1/recommendation/rules/" + ruleId, "\"2\"", Text(Rule("walk-cidr", 13, """{"device_ids":["d-1"]}"""))), HttpStatusCode.OK);
        await CheckAsync(Put, SendIfMatchAsync(client, HttpMethod.Put, "risk/v1/recommendation/rules/" + ruleId, "\"2\"", Text(Rule("walk-cidr", 14, """{"device_ids":["d-1"]}"""))), HttpStatusCode.PreconditionFailed);
        await CheckAsync("GET /risk/v1/recommendation/rules/{rule_id}/hits", client.GetAsync($"risk/v1/recommendation/rules/{ruleId}/hits"), HttpStatusCode.OK);
        const string Delete = "DELETE /risk/v1/recommendation/rules/{rule_id}";
        await CheckAsync(Delete, SendIfMatchAsync(client, HttpMethod.Delete, "risk/v1/recommendation/rules/" + ruleId, "\"1\""), HttpStatusCode.PreconditionFailed);
        await CheckAsync(Delete, client.DeleteAsync("risk/v1/recommendation/rules/" + ruleId), HttpStatusCode.OK);
        await CheckAsync(Delete, client.DeleteAsync("risk/v1/recommendation/rules/" + ruleId), HttpStatusCode.NotFound);
    }

    private async Task WalkLabelsAsync(HttpClient client)
    {
        const string Post = "POST /risk/v1/label";
        var label = await CheckAsync(Post, client.PostAsync("risk/v1/label", Text("""{"label_type":"CONFIRMED_FRAUD","subject":{"type":"USER_ID","value":"walker"},"use_case":"ACCOUNT_TAKEOVER","source":"MANUAL_REVIEW"}""")), HttpStatusCode.Created);
        await CheckAsync(Post, client.PostAsync("risk/v1/label", Text("""{"label_type":"FRAUD","subject":{"type":"EMAIL","value":"u"}}""")), HttpStatusCode.BadRequest, requestIsValid: false);
        const string Get = "GET /risk/v1/label/{label_id}";
        await CheckAsync(Get, client.GetAsync("risk/v1/label/" + label!["label_id"]!.GetValue<string>()), HttpStatusCode.OK);
        await CheckAsync(Get, client.GetAsync("risk/v1/label/" + new string('0', 32)), HttpStatusCode.NotFound);
    }

    private async Task WalkRingsAndCampaignsAsync(HttpClient client)
    {
        await CheckAsync("GET /risk/v1/fraud-rings", client.GetAsync("risk/v1/fraud-rings?limit=10"), HttpStatusCode.OK);
        await CheckAsync("GET /risk/v1/fraud-rings", client.GetAsync("risk/v1/fraud-rings?limit=0"), HttpStatusCode.BadRequest, requestIsValid: false);
        await CheckAsync("GET /risk/v1/fraud-rings/{ring_id}", client.GetAsync("risk/v1/fraud-rings/ring_" + new string('0', 24)), HttpStatusCode.NotFound);
        await CheckAsync("GET /risk/v1/campaigns", client.GetAsync("risk/v1/campaigns"), HttpStatusCode.OK);
        await CheckAsync("GET /risk/v1/campaigns/{campaign_id}", client.GetAsync("risk/v1/campaigns/camp_" + new string('0', 24)), HttpStatusCode.NotFound);
    }

    private async Task WalkModelsAsync(HttpClient client, HttpClient readOnly)
    {
        // The walk's tenant has a handful of labels at most: no model, and too few to train one (the trained answer is
        // checked end to end in ModelTrainingTests, its schema against the contract types in OpenApiContractTests).
        await CheckAsync("GET /risk/v1/models/current", client.GetAsync("risk/v1/models/current"), HttpStatusCode.NotFound);
        await CheckAsync("GET /risk/v1/models/current", readOnly.GetAsync("risk/v1/models/current"), HttpStatusCode.Forbidden);
        await CheckAsync("POST /risk/v1/models/train", client.PostAsync("risk/v1/models/train", content: null), HttpStatusCode.UnprocessableEntity);
        await CheckAsync("POST /risk/v1/models/train", readOnly.PostAsync("risk/v1/models/train", content: null), HttpStatusCode.Forbidden);
    }

    private async Task WalkDialectsAsync(HttpClient client)
    {
        const string Ravelin = "POST /ravelin/v2/customer/{customerId}/labels";
        await CheckAsync(Ravelin, client.PostAsync("ravelin/v2/customer/walker/labels", Text("""{"category":"PAYMENT_FRAUD","review":"FRAUDSTER","reviewer":{"name":"Analyst","email":"analyst@example.com"}}""")), HttpStatusCode.OK);
        await CheckAsync(Ravelin, client.PostAsync("ravelin/v2/customer/walker/labels", Text("""{"category":"NOPE"}""")), HttpStatusCode.BadRequest, requestIsValid: false);

        const string DataDome = "POST /datadome/v1/feedback";
        await CheckAsync(DataDome, client.PostAsync("datadome/v1/feedback", Text("""{"userId":"walker","decision":"deny","origin":"manualReview"}""")), HttpStatusCode.Created);
        await CheckAsync(DataDome, client.PostAsync("datadome/v1/feedback", Text("""{"decision":"nope"}""")), HttpStatusCode.BadRequest, requestIsValid: false);

        var transaction = Text("""{"action_type":"transaction","user_id":"walker","transaction_data":{"amount":12.5,"currency":"USD"}}""");
        var reported = (await client.PostAsync("risk/v1/action/trigger-action", transaction)).Content.ReadAsStringAsync();
        var token = JsonNode.Parse(await reported)!["action_token"]!.GetValue<string>();
        var unreported = JsonNode.Parse(await (await client.PostAsync("risk/v1/action/trigger-action", Text("""{"action_type":"transaction","user_id":"walker"}"""))).Content.ReadAsStringAsync())!["action_token"]!.GetValue<string>();

        const string Report = "POST /lithic/v1/fraud/transactions/{transaction_token}";
        await CheckAsync(Report, client.PostAsync("lithic/v1/fraud/transactions/" + token, Text("""{"fraud_status":"SUSPECTED_FRAUD","fraud_type":"CARD_COMPROMISED"}""")), HttpStatusCode.OK);
        await CheckAsync(Report, client.PostAsync("lithic/v1/fraud/transactions/" + token, Text("""{"fraud_status":"NOT_FRAUDULENT","comment":"customer confirmed"}""")), HttpStatusCode.OK);
        await CheckAsync(Report, client.PostAsync("lithic/v1/fraud/transactions/" + token, Text("""{"fraud_status":"FRAUDULENT"}""")), HttpStatusCode.UnprocessableEntity);
        await CheckAsync(Report, client.PostAsync("lithic/v1/fraud/transactions/" + new string('0', 64), Text("""{"fraud_status":"FRAUDULENT"}""")), HttpStatusCode.NotFound);
        await CheckAsync(Report, client.PostAsync("lithic/v1/fraud/transactions/" + token, Text("""{"fraud_status":"CHARGEBACK"}""")), HttpStatusCode.BadRequest, requestIsValid: false);
        const string Get = "GET /lithic/v1/fraud/transactions/{transaction_token}";
        await CheckAsync(Get, client.GetAsync("lithic/v1/fraud/transactions/" + token), HttpStatusCode.OK);
        await CheckAsync(Get, client.GetAsync("lithic/v1/fraud/transactions/" + unreported), HttpStatusCode.OK);
        await CheckAsync(Get, client.GetAsync("lithic/v1/fraud/transactions/" + new string('0', 64)), HttpStatusCode.NotFound);
    }

    /// <summary>
    /// Sends through Prism and records what it found: for a request the document should accept, every violation;
    /// for a deliberately bad one, only those about the answer.
    /// </summary>
    private async Task<JsonNode?> CheckAsync(string operation, Task<HttpResponseMessage> send, HttpStatusCode expected, bool requestIsValid = true)
    {
        using var response = await send;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{operation}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        _covered.Add(operation);
        foreach (var violation in PrismProxy.Violations(response).Where(v => requestIsValid || v.IsAboutResponse))
        {
            _violations.Add($"{operation} -> {(int)response.StatusCode}: {violation}");
        }

        return response.Content.Headers.ContentType?.MediaType == "application/json" && body.Length > 0 ? JsonNode.Parse(body) : null;
    }

    private static async Task<HttpResponseMessage> SendIfMatchAsync(HttpClient client, HttpMethod method, string path, string ifMatch, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    private IEnumerable<string> DocumentOperations()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(fixture.DocumentPath));
        return document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(method => method.Name is "get" or "post" or "put" or "delete" or "patch")
                .Select(method => method.Name.ToUpperInvariant() + " " + path.Name))
            .ToList();
    }

    private static string Rule(string name, int priority, string matcher) =>
        $$"""{"name":"{{name}}","priority":{{priority}},"matcher":{{matcher}},"recommendation":"DENY","enabled":true,"mode":"PREVIEW"}""";

    private static Func<StringContent> Json(JsonObject body) => () => Text(body.ToJsonString());

    private static StringContent Text(string json) => new(json, Encoding.UTF8, "application/json");

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(field => new KeyValuePair<string, string>(field.Key, field.Value)));
}
