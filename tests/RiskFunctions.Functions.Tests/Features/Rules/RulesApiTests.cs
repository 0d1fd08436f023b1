using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using RiskFunctions.Functions.Security;
using RiskFunctions.Testing.FunctionApp;
using RiskFunctions.Testing.Http;
using RiskFunctions.Testing.Security;
using static RiskFunctions.Functions.Tests.Features.Actions.ActionCalls;

namespace RiskFunctions.Functions.Tests.Features.Rules;

/// <summary>The rules API through the local host and the real worker: CRUD, conflicts, validation, scopes, tenant isolation and hit counts.</summary>
[Collection(FunctionAppCollection.Name)]
public sealed class RulesApiTests(FunctionAppFixture app)
{
    private const string Route = "/risk/v1/recommendation/rules";

    private static string Rule(int priority = 10, string matcher = """{"ip_cidrs":["10.1.2.3/8","2001:DB8::/32"]}""", string? name = "\"Block office ranges\"", string mode = "PRODUCTION") =>
        "{" + (name is null ? "" : "\"name\":" + name + ",")
        + "\"priority\":" + priority.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + ",\"matcher\":" + matcher
        + ",\"recommendation\":\"DENY\",\"enabled\":true,\"mode\":\"" + mode + "\"}";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonObject> BodyAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        using (response)
        {
            Assert.Contains(message, await response.HasErrorBodyAsync(status));
        }
    }

    private static async Task<string> CreateAsync(HttpClient client, string body)
    {
        using var response = await client.PostAsync(Route, Json(body));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await BodyAsync(response))["rule_id"]!.GetValue<string>();
    }

    [Fact]
    public async Task Create_ValidRule_Returns201AndTheRuleReadsBackNormalized()
    {
        using var client = app.ClientFor(TestTenant.Create());

        using var created = await client.PostAsync(Route, Json(Rule()));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await BodyAsync(created);
        Assert.Equal("Rule created", body["message"]!.GetValue<string>());
        var id = body["rule_id"]!.GetValue<string>();
        var read = await BodyAsync(await client.GetAsync($"{Route}/{id}"));
        Assert.Equal(id, read["id"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"name":"Block office ranges","priority":10,"matcher":{"ip_cidrs":["10.0.0.0/8","2001:db8::/32"]},"recommendation":"DENY","enabled":true,"mode":"PRODUCTION"}"""),
            read["data"]),
            read.ToJsonString());
    }

    [Fact]
    public async Task Create_WithoutName_NameIsGenerated()
    {
        using var client = app.ClientFor(TestTenant.Create());

        var id = await CreateAsync(client, Rule(name: null));

        var read = await BodyAsync(await client.GetAsync($"{Route}/{id}"));
        Assert.Equal("rule-" + id, read["data"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_Rules_OrderedByPriorityWithIds()
    {
        using var client = app.ClientFor(TestTenant.Create());
        var late = await CreateAsync(client, Rule(300, """{"country_codes":["kp"]}""", "\"late\""));
        var early = await CreateAsync(client, Rule(2, """{"user_ids":["u1"]}""", "\"early\"", "PREVIEW"));

        var list = await BodyAsync(await client.GetAsync(Route));

        var data = list["data"]!.AsArray();
        Assert.Equal([early, late], data.Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal("PREVIEW", data[0]!["mode"]!.GetValue<string>());
        Assert.Equal("KP", data[1]!["matcher"]!["country_codes"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task List_NoRules_EmptyData()
    {
        using var client = app.ClientFor(TestTenant.Create());

        var list = await BodyAsync(await client.GetAsync(Route));

        Assert.Empty(list["data"]!.AsArray());
    }

    [Fact]
    public async Task Update_Rule_Returns200AndChangesIt()
    {
        using var client = app.ClientFor(TestTenant.Create());
        var id = await CreateAsync(client, Rule());

        using var updated = await client.PutAsync($"{Route}/{id}", Json(Rule(20, """{"browser_names":["Yandex"]}""", "\"renamed\"", "PREVIEW")));

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Rule updated", (await BodyAsync(updated))["message"]!.GetValue<string>());
        var data = (await BodyAsync(await client.GetAsync($"{Route}/{id}")))["data"]!;
        Assert.Equal(20, data["priority"]!.GetValue<int>());
        Assert.Equal("renamed", data["name"]!.GetValue<string>());
        Assert.Equal("Yandex", data["matcher"]!["browser_names"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_Rule_Returns200ThenTheRuleIsGone()
    {
        using var client = app.ClientFor(TestTenant.Create());
        var id = await CreateAsync(client, Rule());

        using var deleted = await client.DeleteAsync($"{Route}/{id}");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("Rule deleted", (await BodyAsync(deleted))["message"]!.GetValue<string>());
        await AssertErrorAsync(await client.GetAsync($"{Route}/{id}"), HttpStatusCode.NotFound, "rule_id: no such rule");
        await AssertErrorAsync(await client.DeleteAsync($"{Route}/{id}"), HttpStatusCode.NotFound, "rule_id: no such rule");
    }

    [Fact]
    public async Task OtherTenantsRule_Answers404OnEveryOperationAndStaysUnchanged()
    {
        using var owner = app.ClientFor(TestTenant.Create());
        using var stranger = app.ClientFor(TestTenant.Create());
        var id = await CreateAsync(owner, Rule());

        await AssertErrorAsync(await stranger.GetAsync($"{Route}/{id}"), HttpStatusCode.NotFound, "rule_id: no such rule");
        await AssertErrorAsync(await stranger.PutAsync($"{Route}/{id}", Json(Rule(99))), HttpStatusCode.NotFound, "rule_id: no such rule");
        await AssertErrorAsync(await stranger.DeleteAsync($"{Route}/{id}"), HttpStatusCode.NotFound, "rule_id: no such rule");
        await AssertErrorAsync(await stranger.GetAsync($"{Route}/{id}/hits"), HttpStatusCode.NotFound, "rule_id: no such rule");
        Assert.Empty((await BodyAsync(await stranger.GetAsync(Route)))["data"]!.AsArray());
        Assert.Equal(10, (await BodyAsync(await owner.GetAsync($"{Route}/{id}")))["data"]!["priority"]!.GetValue<int>());
    }

    [Fact]
    public async Task Create_RetriedWithSameIdempotencyKey_ReplaysTheFirstAnswerAndStoresOneRule()
    {
        using var client = app.ClientFor(TestTenant.Create());

        using var first = await PostWithKeyAsync(client, "create-office-rule", Rule());
        using var retry = await PostWithKeyAsync(client, "create-office-rule", Rule());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal("\"1\"", Assert.Single(first.Headers.GetValues("ETag")));
        Assert.Equal(first.Headers.GetValues("ETag"), retry.Headers.GetValues("ETag"));
        Assert.Equal((await BodyAsync(first))["rule_id"]!.GetValue<string>(), (await BodyAsync(retry))["rule_id"]!.GetValue<string>());
        Assert.Single((await BodyAsync(await client.GetAsync(Route)))["data"]!.AsArray());
    }

    private static async Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, string key, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = Json(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Create_TakenPriority_Returns409NamingPriority()
    {
        using var client = app.ClientFor(TestTenant.Create());
        var first = await CreateAsync(client, Rule(7, name: "\"a\""));

        await AssertErrorAsync(await client.PostAsync(Route, Json(Rule(7, name: "\"b\""))), HttpStatusCode.Conflict, $"priority: 7 is already used by rule {first}");
        Assert.Single((await BodyAsync(await client.GetAsync(Route)))["data"]!.AsArray());
    }

    [Fact]
    public async Task Create_TakenNameInOtherCase_Returns409NamingName()
    {
        using var client = app.ClientFor(TestTenant.Create());
        await CreateAsync(client, Rule(7, name: "\"Block Tor\""));

        using var response = await client.PostAsync(Route, Json(Rule(8, name: "\"BLOCK TOR\"")));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.StartsWith("name: 'BLOCK TOR' is already used", (await BodyAsync(response))["message"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_FiftyConcurrentRequestsForOnePriority_One201And49Conflicts()
    {
        using var client = app.ClientFor(TestTenant.Create());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, 50).Select(async i =>
        {
            await gate.Task;
            using var response = await client.PostAsync(Route, Json(Rule(77, name: $"\"writer {i}\"")));
            return response.StatusCode;
        }).ToArray();

        gate.SetResult();
        var statuses = await Task.WhenAll(requests);

        Assert.Single(statuses, s => s == HttpStatusCode.Created);
        Assert.Equal(49, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Single((await BodyAsync(await client.GetAsync(Route)))["data"]!.AsArray());
    }

    [Fact]
    public async Task Update_ToTakenPriority_Returns409()
    {
        using var client = app.ClientFor(TestTenant.Create());
        var first = await CreateAsync(client, Rule(1, name: "\"a\""));
        var second = await CreateAsync(client, Rule(2, name: "\"b\""));

        await AssertErrorAsync(await client.PutAsync($"{Route}/{second}", Json(Rule(1, name: "\"b\""))), HttpStatusCode.Conflict, $"priority: 1 is already used by rule {first}");
    }

    [Fact]
    public async Task Update_ToTakenPriorityAndTakenName_Returns409NamingBoth()
    {
        using var client = app.ClientFor(TestTenant.Create());
        var first = await CreateAsync(client, Rule(1, name: "\"a\""));
        var second = await CreateAsync(client, Rule(2, name: "\"b\""));
        var third = await CreateAsync(client, Rule(3, name: "\"c\""));

        using var response = await client.PutAsync($"{Route}/{third}", Json(Rule(1, name: "\"B\"")));

        Assert.Equal(
            [$"priority: 1 is already used by rule {first}", $"name: 'B' is already used (ignoring case) by rule {second}"],
            await response.HasErrorBodyAsync(HttpStatusCode.Conflict));
        Assert.Equal("c", (await BodyAsync(await client.GetAsync($"{Route}/{third}")))["data"]!["name"]!.GetValue<string>());
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"priority":10,"matcher":{"ip_cidr":["10.0.0.0/8"]},"recommendation":"DENY","enabled":true,"mode":"PRODUCTION"}""", "matcher.ip_cidr: " },
        { Rule(matcher: """{"ip_cidrs":["10.0.0.0/8"],"user_ids":["u"]}"""), "matcher: must have exactly one of " },
        { Rule(matcher: "{}"), "matcher: must have exactly one of " },
        { Rule(matcher: """{"user_ids":[]}"""), "matcher.user_ids: must contain at least one value" },
        { Rule(matcher: """{"ip_cidrs":["10.0.0.0/33"]}"""), "matcher.ip_cidrs[0]: '10.0.0.0/33' prefix length" },
        { Rule(matcher: """{"ip_cidrs":["::/129"]}"""), "matcher.ip_cidrs[0]: '::/129' prefix length" },
        { Rule(matcher: """{"ip_cidrs":["10.0.0.0/8","garbage"]}"""), "matcher.ip_cidrs[1]: 'garbage' is not a valid" },
        { Rule(matcher: """{"country_codes":["ZZ"]}"""), "matcher.country_codes[0]: 'ZZ' is not an ISO 3166-1" },
        { Rule(matcher: """{"user_ids":[null]}"""), "matcher.user_ids: " },
        { Rule(priority: 0), "priority: must be between 1 and 1000" },
        { Rule(priority: 1001), "priority: must be between 1 and 1000" },
        { Rule().Replace("\"priority\":10", "\"priority\":1.5", StringComparison.Ordinal), "priority: " },
        { Rule().Replace("\"priority\":10", "\"priority\":\"10\"", StringComparison.Ordinal), "priority: " },
        { Rule().Replace("\"DENY\"", "\"deny\"", StringComparison.Ordinal), "recommendation: must be one of CHALLENGE, DENY, TRUST" },
        { Rule().Replace("\"DENY\"", "\"ALLOW\"", StringComparison.Ordinal), "recommendation: must be one of CHALLENGE, DENY, TRUST" },
        { Rule(mode: "SHADOW"), "mode: must be one of PREVIEW, PRODUCTION" },
        { Rule().Replace("\"enabled\":true,", "", StringComparison.Ordinal), "enabled: is required" },
        { Rule(name: "\"" + new string('n', 101) + "\""), "name: must be at most 100 characters" },
        { Rule(name: "\"\""), "name: must not be empty" },
        { Rule().Replace("\"priority\":10", "\"priority\":10,\"note\":\"office\"", StringComparison.Ordinal), "note: is not a known field" },
        { Rule().Replace("\"priority\"", "\"priorty\"", StringComparison.Ordinal), "priorty: is not a known field: did you mean priority?" },
        { Rule().Replace("\"name\"", "\"Name\"", StringComparison.Ordinal), "Name: is not a known field (field names are case-sensitive): did you mean name?" },
        { "{\"priority\":10", "body: is not valid JSON" },
        { "null", "body: must be a JSON object" },
        { "[]", "body: " },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task CreateAndUpdate_BadBody_Return400NamingTheFieldAndStoreNothing(string body, string expectedMessageStart)
    {
        using var client = app.ClientFor(TestTenant.Create());

        using var created = await client.PostAsync(Route, Json(body));
        var id = await CreateAsync(client, Rule(500, name: "\"existing\""));
        using var updated = await client.PutAsync($"{Route}/{id}", Json(body));

        foreach (var response in new[] { created, updated })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = await BodyAsync(response);
            Assert.Equal(400, error["error_code"]!.GetValue<int>());
            var messages = error["message"]!.AsArray().Select(m => m!.GetValue<string>()).ToArray();
            Assert.True(messages.Any(m => m.StartsWith(expectedMessageStart, StringComparison.Ordinal)), string.Join(" | ", messages));
        }

        var rules = (await BodyAsync(await client.GetAsync(Route)))["data"]!.AsArray();
        var only = Assert.Single(rules);
        Assert.Equal(500, only!["priority"]!.GetValue<int>());
        Assert.Equal("existing", only["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_BadEnumsAndBadValues_ReportsEveryProblemAtOnce()
    {
        using var client = app.ClientFor(TestTenant.Create());
        const string body = """{"priority":5000,"matcher":{"ip_cidrs":["10.0.0.0/99"]},"recommendation":"BLOCK","enabled":true,"mode":"LIVE"}""";

        using var response = await client.PostAsync(Route, Json(body));

        var messages = await response.HasErrorBodyAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["matcher.ip_cidrs", "mode", "priority", "recommendation"], messages.Select(m => m.Split(':')[0].Split('[')[0]).Order(StringComparer.Ordinal));
        Assert.Empty((await BodyAsync(await client.GetAsync(Route)))["data"]!.AsArray());
    }

    [Fact]
    public async Task CreateAndUpdate_UnknownFieldsAndBadPriority_OneAnswerListsEveryProblemAndNothingChanges()
    {
        using var client = app.ClientFor(TestTenant.Create());
        var id = await CreateAsync(client, Rule(500, name: "\"existing\""));
        var body = Rule(0).Replace("\"name\"", "\"Name\"", StringComparison.Ordinal).Replace("\"enabled\"", "\"enabled\":true,\"enable\"", StringComparison.Ordinal)[..^1] + ",\"comment\":\"x\"}";
        string[] expected =
        [
            "Name: is not a known field (field names are case-sensitive): did you mean name?",
            "enable: is not a known field: did you mean enabled?",
            "comment: is not a known field",
            "priority: must be between 1 and 1000",
        ];

        using var created = await client.PostAsync(Route, Json(body));
        using var updated = await client.PutAsync($"{Route}/{id}", Json(body));

        Assert.Equal(expected, await created.HasErrorBodyAsync(HttpStatusCode.BadRequest));
        Assert.Equal(expected, await updated.HasErrorBodyAsync(HttpStatusCode.BadRequest));
        var only = Assert.Single((await BodyAsync(await client.GetAsync(Route)))["data"]!.AsArray());
        Assert.Equal(500, only!["priority"]!.GetValue<int>());
        Assert.Equal("existing", only["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_WithTheDataOfAGetUnchanged_Returns200AndKeepsTheRule()
    {
        using var client = app.ClientFor(TestTenant.Create());
        var id = await CreateAsync(client, Rule());
        var before = (await BodyAsync(await client.GetAsync($"{Route}/{id}")))["data"]!;

        using var updated = await client.PutAsync($"{Route}/{id}", Json(before.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = (await BodyAsync(await client.GetAsync($"{Route}/{id}")))["data"]!;
        Assert.True(JsonNode.DeepEquals(before, after), after.ToJsonString());
    }

    [Fact]
    public async Task Update_WithAListedRuleUnchanged_Returns200()
    {
        using var client = app.ClientFor(TestTenant.Create());
        var id = await CreateAsync(client, Rule());
        var listed = (await BodyAsync(await client.GetAsync(Route)))["data"]![0]!;
        Assert.Equal(id, listed["id"]!.GetValue<string>());

        using var updated = await client.PutAsync($"{Route}/{id}", Json(listed.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
    }

    [Fact]
    public async Task Update_WithAnotherRulesId_Returns400NamingIdAndChangesNothing()
    {
        using var client = app.ClientFor(TestTenant.Create());
        var id = await CreateAsync(client, Rule(1, name: "\"a\""));
        var other = await CreateAsync(client, Rule(2, name: "\"b\""));
        var listed = (await BodyAsync(await client.GetAsync(Route)))["data"]![1]!;
        listed["priority"] = 3;
        listed["name"] = "c";

        using var updated = await client.PutAsync($"{Route}/{id}", Json(listed.ToJsonString()));

        Assert.Equal([$"id: must be the id of the rule being updated ({id}) or be left out"], await updated.HasErrorBodyAsync(HttpStatusCode.BadRequest));
        var kept = (await BodyAsync(await client.GetAsync($"{Route}/{id}")))["data"]!;
        Assert.Equal(1, kept["priority"]!.GetValue<int>());
        Assert.Equal("a", kept["name"]!.GetValue<string>());
        Assert.Equal(2, (await BodyAsync(await client.GetAsync($"{Route}/{other}")))["data"]!["priority"]!.GetValue<int>());
    }

    [Fact]
    public async Task Create_EmptyBody_Returns400BodyRequired()
    {
        using var client = app.ClientFor(TestTenant.Create());

        await AssertErrorAsync(await client.PostAsync(Route, Json("")), HttpStatusCode.BadRequest, "body: is required: a JSON object");
    }

    [Fact]
    public async Task Create_NotJsonContentType_Returns415()
    {
        using var client = app.ClientFor(TestTenant.Create());

        using var response = await client.PostAsync(Route, new StringContent(Rule(), Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("%27%20or%20PartitionKey%20ne%20%27")]
    public async Task Get_MalformedRuleId_Returns400NamingRuleId(string ruleId)
    {
        using var client = app.ClientFor(TestTenant.Create());

        using var response = await client.GetAsync($"{Route}/{ruleId}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("rule_id: must be a rule id", (await BodyAsync(response))["message"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_WithReadOnlyToken_Returns403AndStoresNothing()
    {
        var tenant = TestTenant.Create();
        using var reader = app.ClientFor(tenant, RiskScopes.RulesRead);

        using var response = await reader.PostAsync(Route, Json(Rule()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty((await BodyAsync(await reader.GetAsync(Route)))["data"]!.AsArray());
    }

    [Fact]
    public async Task GetHits_AfterEvaluations_CountsPreviewAndProductionHitsPerRule()
    {
        var tenant = TestTenant.Create();
        using var client = app.ClientFor(tenant);
        var preview = await CreateAsync(client, Rule(1, """{"user_ids":["alice"]}""", "\"shadow\"", "PREVIEW"));
        var production = await CreateAsync(client, Rule(2, """{"country_codes":["US"]}""", "\"live\""));
        var aliceWithoutIp = Login(user: "alice");
        aliceWithoutIp["context"]!.AsObject().Remove("ip");

        // The worker evaluates each action's user and its IP's country (the sample data places 192.0.2.44 in the US).
        await TriggeredAsync(client, Login(user: "alice"));
        await TriggeredAsync(client, aliceWithoutIp);
        await TriggeredAsync(client, Login(user: "bob", device: "device-bob"));

        // Reading hits stores what the worker counted so far; a later hit must add to the stored counts.
        (await client.GetAsync($"{Route}/{preview}/hits")).EnsureSuccessStatusCode();
        await TriggeredAsync(client, Login(user: "alice"));

        var shadow = (await BodyAsync(await client.GetAsync($"{Route}/{preview}/hits")))["data"]!;
        var live = (await BodyAsync(await client.GetAsync($"{Route}/{production}/hits")))["data"]!;
        Assert.Equal(3, shadow["preview_hits"]!.GetValue<long>());
        Assert.Equal(0, shadow["production_hits"]!.GetValue<long>());
        Assert.Equal("PREVIEW", shadow["mode"]!.GetValue<string>());
        Assert.NotNull(shadow["last_hit_at"]);
        Assert.Equal(3, live["production_hits"]!.GetValue<long>());
        Assert.Equal("live", live["rule_name"]!.GetValue<string>());
    }

    private static async Task TriggeredAsync(HttpClient client, JsonObject action) =>
        Assert.Equal(HttpStatusCode.Created, (await TriggerAsync(client, action)).Response.StatusCode);

    [Fact]
    public async Task GetHits_NeverMatched_ZeroCountsWithoutLastHit()
    {
        using var client = app.ClientFor(TestTenant.Create());
        var id = await CreateAsync(client, Rule());

        var hits = await BodyAsync(await client.GetAsync($"{Route}/{id}/hits"));

        Assert.Equal(id, hits["id"]!.GetValue<string>());
        Assert.Equal(0, hits["data"]!["production_hits"]!.GetValue<long>());
        Assert.Null(hits["data"]!["last_hit_at"]);
        Assert.True(hits["data"]!["counted_since"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task Read_WithoutToken_Returns401()
    {
        using var anonymous = app.NewClient();

        using var response = await anonymous.GetAsync(Route);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
