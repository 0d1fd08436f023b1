using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RiskFunctions.Functions.Tests.Features.Labels;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Features.Rings;

/// <summary>
/// Rings and campaigns end to end through the local host: actions in through trigger-action, maintenance through its
/// timer function, the endpoints, and labels on a ring or campaign reaching their actions.
/// </summary>
public sealed class RingsAndCampaignsTests(RingsAppFixture fixture) : IClassFixture<RingsAppFixture>
{
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0";

    [Fact]
    public async Task Ring_SixAccountsOnTwoDevicesAndThreeCards_FoundListedAndLabelReachesAllowedActions()
    {
        var tenant = TestTenant.Create();
        using var client = fixture.ClientFor(tenant);
        var tokens = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            tokens.Add(await TriggerAsync(client, "transaction", "ring-user-" + i, "ring-dev-" + (i % 2), Chrome, $"198.18.0.{i + 1}", card: "000" + (i % 3)));
        }

        await TriggerAsync(client, "login", "honest-user", "honest-device", Chrome, "198.18.1.1");
        await fixture.RunMaintenanceAsync();

        var list = await GetNonEmptyAsync(client, "/risk/v1/fraud-rings", "fraud_rings");
        var summary = Assert.Single(list["fraud_rings"]!.AsArray());
        Assert.Equal(6, summary!["member_count"]!.GetValue<int>());
        var ringId = summary["ring_id"]!.GetValue<string>();
        var ring = await GetJsonAsync(client, "/risk/v1/fraud-rings/" + ringId);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => "ring-user-" + i), ring["members"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Contains(ring["evidence"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "card" && e["member_count"]!.GetValue<int>() == 2);
        var actions = ring["actions"]!.AsArray().Select(a => a!["action_id"]!.GetValue<string>()).ToHashSet();
        Assert.Equal(tokens.ToHashSet(), actions);
        var allowed = ring["actions"]!.AsArray().Count(a => a!["recommendation"]!.GetValue<string>() == "ALLOW");

        var labelId = await LabelAsync(client, $$$"""{"label_type":"CONFIRMED_FRAUD","subject":{"type":"FRAUD_RING_ID","value":"{{{ringId}}}","recommendations":["allow"]}}""");
        var label = await fixture.WaitForPropagationAsync(tenant.Id, labelId);
        Assert.Equal(allowed, label.AffectedCount);

        var next = await TriggerJsonAsync(client, "login", "ring-user-0", "ring-dev-0", Chrome, "198.18.0.1");
        Assert.Contains("USER_LABELED_FRAUD", next["recommendation"]!["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task Campaign_BurstOfFailedLogins_OneCampaignWithItsActions_NextLoginCarriesIt_ConfirmedLabelMarksThem()
    {
        var tenant = TestTenant.Create();
        using var client = fixture.ClientFor(tenant);
        var burst = new List<string>();
        for (var i = 0; i < RingsAppFixture.BurstLogins; i++)
        {
            var token = await TriggerAsync(client, "login", "victim-" + i, "bot-dev-" + i, Firefox, $"198.19.{i}.7");
            await ResultAsync(client, token, "failure");
            burst.Add(token);
        }

        await TriggerAsync(client, "login", "ordinary-user", "ordinary-device", Chrome, "198.19.200.1");
        await fixture.RunMaintenanceAsync();

        var summary = Assert.Single((await GetNonEmptyAsync(client, "/risk/v1/campaigns", "campaigns"))["campaigns"]!.AsArray())!;
        Assert.Equal(("credential_stuffing", "CREDENTIAL_STUFFING"), (summary["kind"]!.GetValue<string>(), summary["threat"]!.GetValue<string>()));
        var campaignId = summary["campaign_id"]!.GetValue<string>();
        var campaign = await GetJsonAsync(client, $"/risk/v1/campaigns/{campaignId}?limit=100");
        Assert.Equal(burst.ToHashSet(), campaign["actions"]!.AsArray().Select(a => a!["action_id"]!.GetValue<string>()).ToHashSet());
        Assert.Equal("user_agent_family", Assert.Single(campaign["defining_feature"]!.AsObject()).Key);
        Assert.Equal(1.0, campaign["measures"]!["failure_ratio"]!.GetValue<double>());

        // The in-memory view is read in the background: the first login after the campaign may not see it yet.
        JsonNode? context = null;
        for (var attempt = 0; attempt < 20 && context?["campaign_id"] is null; attempt++)
        {
            var next = await TriggerJsonAsync(client, "login", "victim-late-" + attempt, "bot-dev-late", Firefox, "198.19.250.1");
            context = next["recommendation"]!["context"];
            if (context?["campaign_id"] is not null)
            {
                Assert.Contains("CAMPAIGN_MEMBER", next["recommendation"]!["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
                Assert.Contains("CREDENTIAL_STUFFING", next["recommendation"]!["threats"]!.AsArray().Select(r => r!.GetValue<string>()));
            }
            else
            {
                await Task.Delay(200);
            }
        }

        Assert.Equal(campaignId, context?["campaign_id"]?.GetValue<string>());

        var unconfirmed = await fixture.WaitForPropagationAsync(tenant.Id, await LabelAsync(client, $$$"""{"label_type":"SUSPECTED_FRAUD","subject":{"type":"CAMPAIGN_ID","value":"{{{campaignId}}}"}}"""));
        Assert.Equal(0, unconfirmed.AffectedCount);
        Assert.Equal("SUSPECTED_FRAUD", (await GetJsonAsync(client, "/risk/v1/campaigns/" + campaignId))["campaign"]!["label_type"]!.GetValue<string>());
        var confirmed = await fixture.WaitForPropagationAsync(tenant.Id, await LabelAsync(client, $$$"""{"label_type":"CONFIRMED_FRAUD","subject":{"type":"CAMPAIGN_ID","value":"{{{campaignId}}}","is_campaign_confirmed":true}}"""));
        Assert.Equal(burst.Count, confirmed.AffectedCount);
    }

    [Fact]
    public async Task Recommendation_BurstFoundByMaintenanceAfterTheFact_FirstActionsShowTheCampaignOnce_OthersUnchanged()
    {
        var tenant = TestTenant.Create();
        using var client = fixture.ClientFor(tenant);
        var burst = new List<string>();
        for (var i = 0; i < RingsAppFixture.BurstLogins; i++)
        {
            var token = await TriggerAsync(client, "login", "stuffed-" + i, "stuffer-" + i, Firefox, $"198.18.{i}.9");
            await ResultAsync(client, token, "failure");
            burst.Add(token);
        }

        var ordinary = await TriggerAsync(client, "login", "ordinary-user", "ordinary-device", Chrome, "198.18.200.1");
        var before = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var token in burst.Append(ordinary))
        {
            before[token] = await GetRecommendationAsync(client, token);
            Assert.Null(before[token]["context"]!["campaign_id"]);
        }

        await fixture.RunMaintenanceAsync();
        var campaignId = Assert.Single((await GetNonEmptyAsync(client, "/risk/v1/campaigns", "campaigns"))["campaigns"]!.AsArray())!["campaign_id"]!.GetValue<string>();

        foreach (var token in burst)
        {
            var after = await GetRecommendationAsync(client, token);
            Assert.Equal(campaignId, after["context"]!["campaign_id"]?.GetValue<string>());
            Assert.Single(Strings(after["reasons"]), reason => reason == "CAMPAIGN_MEMBER");
            Assert.Single(Strings(after["threats"]), threat => threat == "CREDENTIAL_STUFFING");

            // Nothing else changes: without the campaign's three marks it is the document answered before.
            after["context"]!.AsObject().Remove("campaign_id");
            after["reasons"] = new JsonArray([.. Strings(after["reasons"]).Where(r => r != "CAMPAIGN_MEMBER").Select(r => JsonValue.Create(r))]);
            var threatsBefore = Strings(before[token]["threats"]);
            after["threats"] = new JsonArray([.. Strings(after["threats"]).Where(t => t != "CREDENTIAL_STUFFING" || threatsBefore.Contains(t)).Select(t => JsonValue.Create(t))]);
            Assert.True(JsonNode.DeepEquals(before[token], after), $"{token}: {before[token].ToJsonString()} became {after.ToJsonString()}");
        }

        Assert.True(JsonNode.DeepEquals(before[ordinary], await GetRecommendationAsync(client, ordinary)));

        // An action matched at trigger time answered with the campaign already: reading it shows it once, as answered.
        JsonNode? matched = null;
        for (var attempt = 0; attempt < 20 && matched?["context"]?["campaign_id"] is null; attempt++)
        {
            matched = (await TriggerJsonAsync(client, "login", "stuffed-late-" + attempt, "stuffer-late", Firefox, "198.18.250.1"))["recommendation"];
            if (matched?["context"]?["campaign_id"] is null)
            {
                await Task.Delay(200);
            }
        }

        Assert.Equal(campaignId, matched?["context"]?["campaign_id"]?.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(matched, await GetRecommendationAsync(client, matched!["context"]!["action_id"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Endpoints_UnknownOrOtherTenantsIds_404_BadPaging_400_LabelOnUnknownRing_201WithNothingAffected()
    {
        var owner = TestTenant.Create();
        using var ownerClient = fixture.ClientFor(owner);
        for (var i = 0; i < 5; i++)
        {
            await TriggerAsync(ownerClient, "transaction", "x-user-" + i, "x-dev-" + (i % 2), Chrome, "198.20.0.1", card: "0009");
        }

        await fixture.RunMaintenanceAsync();
        var ringId = Assert.Single((await GetNonEmptyAsync(ownerClient, "/risk/v1/fraud-rings", "fraud_rings"))["fraud_rings"]!.AsArray())!["ring_id"]!.GetValue<string>();

        var stranger = TestTenant.Create();
        using var client = fixture.ClientFor(stranger);
        foreach (var path in new[] { "/risk/v1/fraud-rings/" + ringId, "/risk/v1/fraud-rings/ring_000000000000000000000000", "/risk/v1/fraud-rings/nonsense", "/risk/v1/campaigns/camp_000000000000000000000000" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        const string LimitProblem = "limit: must be an integer from 1 to 100";
        const string CursorProblem = "cursor: must be the next_cursor of a previous page";
        foreach (var (path, problems) in new (string, string[])[]
        {
            ("/risk/v1/fraud-rings?limit=0", [LimitProblem]),
            ("/risk/v1/campaigns?limit=101", [LimitProblem]),
            ("/risk/v1/fraud-rings?cursor=x", [CursorProblem]),
            ("/risk/v1/campaigns?limit=abc&cursor=%2F..%2F", [LimitProblem, CursorProblem]),
            ("/risk/v1/fraud-rings/" + ringId + "?limit=-1&cursor=a%23b", [LimitProblem, CursorProblem]),
        })
        {
            using var response = await ownerClient.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(problems, body["message"]!.AsArray().Select(message => message!.GetValue<string>()));
        }

        Assert.Empty((await GetJsonAsync(client, "/risk/v1/fraud-rings"))["fraud_rings"]!.AsArray());
        var labelId = await LabelAsync(client, $$$"""{"label_type":"CONFIRMED_FRAUD","subject":{"type":"FRAUD_RING_ID","value":"{{{ringId}}}"}}""");
        Assert.Equal(0, (await fixture.WaitForPropagationAsync(stranger.Id, labelId)).AffectedCount);
    }

    private static async Task<string> TriggerAsync(HttpClient client, string type, string user, string device, string userAgent, string ip, string? card = null) =>
        (await TriggerJsonAsync(client, type, user, device, userAgent, ip, card))["action_token"]!.GetValue<string>();

    private static async Task<JsonNode> TriggerJsonAsync(HttpClient client, string type, string user, string device, string userAgent, string ip, string? card = null)
    {
        var transaction = card is null ? string.Empty : ""","transaction_data":{"amount":120.5,"currency":"USD","payer":{"card":{"bin":"411111","last4":""" + "\"" + card + "\"}}}";
        var body = $$$"""{"action_type":"{{{type}}}","user_id":"{{{user}}}","context":{"ip":"{{{ip}}}","device_id":"{{{device}}}","device_fingerprint":"fp-{{{device}}}","user_agent":"{{{userAgent}}}"}{{{transaction}}}}""";
        using var response = await client.PostAsync(new Uri("/risk/v1/action/trigger-action?get_recommendation=true", UriKind.Relative), LabelsFixtureBase.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"trigger-action answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private static async Task ResultAsync(HttpClient client, string token, string result)
    {
        using var response = await client.PostAsync(new Uri("/risk/v1/action/result", UriKind.Relative), LabelsFixtureBase.Json($$$"""{"action_token":"{{{token}}}","result":"{{{result}}}"}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task<string> LabelAsync(HttpClient client, string json)
    {
        using var response = await client.PostAsync(new Uri("/risk/v1/label", UriKind.Relative), LabelsFixtureBase.Json(json));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        using var document = JsonDocument.Parse(text);
        Assert.Equal(0, document.RootElement.GetProperty("afftectedActionIds").GetArrayLength());
        return document.RootElement.GetProperty("label_id").GetString()!;
    }

    private static Task<JsonNode> GetRecommendationAsync(HttpClient client, string token) =>
        GetJsonAsync(client, "/risk/v1/recommendation?action_token=" + token);

    private static List<string> Strings(JsonNode? array) => array is null ? [] : [.. array.AsArray().Select(item => item!.GetValue<string>())];

    /// <summary>The host runs an admin-invoked function in the background: waits (bounded) until the list has an item.</summary>
    private static async Task<JsonNode> GetNonEmptyAsync(HttpClient client, string path, string property)
    {
        for (var attempt = 0; ; attempt++)
        {
            var list = await GetJsonAsync(client, path);
            if (list[property]!.AsArray().Count > 0 || attempt >= 300)
            {
                return list;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<JsonNode> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }
}
