using System.Globalization;
using System.Net;
using System.Text.Json;
using RiskFunctions.Functions.Security;

namespace RiskFunctions.Functions.Tests.Security.CrossTenant;

/// <summary>
/// The table of tenant-scoped endpoints and the cross-tenant attack on each. Every HTTP function of the
/// catalog under a tenant-scoped route must have an entry here (a test fails otherwise): add one with the
/// endpoint.
/// </summary>
public static class TenantEndpoints
{
    /// <summary>Route prefixes whose functions act on a tenant's data.</summary>
    public static IReadOnlyList<string> TenantScopedPrefixes { get; } = ["risk/v1/", "ravelin/", "datadome/", "lithic/"];

    private static readonly SemaphoreSlim VictimThreats = new(1, 1);
    private static (string RingId, string CampaignId)? _victimThreats;

    public static IReadOnlyList<TenantEndpoint> All { get; } =
    [
        new("GetRule", RiskScopes.RulesRead, async f =>
        {
            using var attacker = f.ClientFor(f.Attacker);
            await ExpectNotFoundAsync(await attacker.GetAsync($"risk/v1/recommendation/rules/{f.Owned.RuleId}"), "rule_id");
            await ExpectVictimRuleIntactAsync(f);
        }),

        new("UpdateRule", RiskScopes.RulesWrite, async f =>
        {
            using var attacker = f.ClientFor(f.Attacker);
            await ExpectNotFoundAsync(
                await attacker.PutAsync($"risk/v1/recommendation/rules/{f.Owned.RuleId}", CrossTenantFixture.Json(RuleBody("hijacked", 999))),
                "rule_id");
            await ExpectVictimRuleIntactAsync(f);
        }, RuleBody("valid", 500)),

        new("DeleteRule", RiskScopes.RulesWrite, async f =>
        {
            using var attacker = f.ClientFor(f.Attacker);
            await ExpectNotFoundAsync(await attacker.DeleteAsync($"risk/v1/recommendation/rules/{f.Owned.RuleId}"), "rule_id");
            await ExpectVictimRuleIntactAsync(f);
        }),

        new("GetRuleHits", RiskScopes.RulesRead, async f =>
        {
            using var attacker = f.ClientFor(f.Attacker);
            await ExpectNotFoundAsync(await attacker.GetAsync($"risk/v1/recommendation/rules/{f.Owned.RuleId}/hits"), "rule_id");
        }),

        new("GetRules", RiskScopes.RulesRead, async f =>
        {
            using var attacker = f.ClientFor(f.Attacker);
            var list = await CrossTenantFixture.BodyAsync(await attacker.GetAsync("risk/v1/recommendation/rules"), HttpStatusCode.OK);
            Assert.DoesNotContain(f.Owned.RuleId, list.GetRawText(), StringComparison.Ordinal);
        }),

        new("CreateRule", RiskScopes.RulesWrite, async f =>
        {
            // Names and priorities are unique per tenant: the victim's cannot collide (and so cannot be probed).
            using var attacker = f.ClientFor(f.Attacker);
            var created = await CrossTenantFixture.BodyAsync(
                await attacker.PostAsync("risk/v1/recommendation/rules", CrossTenantFixture.Json(RuleBody(f.Owned.RuleName, f.Owned.RulePriority))),
                HttpStatusCode.Created);
            Assert.NotEqual(f.Owned.RuleId, created.GetProperty("rule_id").GetString());
            await ExpectVictimRuleIntactAsync(f);
        }, RuleBody("valid", 501)),

        new("ImportActions", RiskScopes.Import, async f =>
        {
            // Refs are per tenant (the victim's cannot name the attacker's actions or the reverse), and a label
            // naming the victim's action token or user reaches nothing of the victim's.
            using var attacker = f.ClientFor(f.Attacker);
            using (var byToken = await attacker.PostAsync("risk/v1/import/actions", CrossTenantFixture.Json(string.Join('\n',
                ImportLabelLine("ACTION_ID", f.Owned.ActionToken), ImportLabelLine("USER_ID", f.Owned.UserId)))))
            {
                var imported = await CrossTenantFixture.BodyAsync(byToken, HttpStatusCode.OK);
                Assert.Equal(2, imported.GetProperty("imported").GetInt32());
            }

            using (var result = await attacker.PostAsync("risk/v1/import/actions", CrossTenantFixture.Json(
                """{"type":"result","ref":"victim","occurred_at":1700000000000,"result":{"result":"success","user_id":"attacker"}}""")))
            {
                await CrossTenantFixture.BodyAsync(result, HttpStatusCode.BadRequest);
            }

            var action = (await f.GetVictimActionAsync())!;
            Assert.Null(action.LabelId);
            Assert.Null(action.Result);
        }, ImportActionLine),

        new("GetFraudRing", RiskScopes.RecommendationsRead, async f =>
        {
            var (ringId, _) = await VictimRingAndCampaignAsync(f);
            using var attacker = f.ClientFor(f.Attacker);
            await ExpectNotFoundAsync(await attacker.GetAsync($"risk/v1/fraud-rings/{ringId}"), "ring_id");
        }),

        new("ListFraudRings", RiskScopes.RecommendationsRead, async f =>
        {
            var (ringId, _) = await VictimRingAndCampaignAsync(f);
            using var attacker = f.ClientFor(f.Attacker);
            var list = await CrossTenantFixture.BodyAsync(await attacker.GetAsync("risk/v1/fraud-rings"), HttpStatusCode.OK);
            Assert.DoesNotContain(ringId, list.GetRawText(), StringComparison.Ordinal);
        }),

        new("GetCampaign", RiskScopes.RecommendationsRead, async f =>
        {
            var (_, campaignId) = await VictimRingAndCampaignAsync(f);
            using var attacker = f.ClientFor(f.Attacker);
            await ExpectNotFoundAsync(await attacker.GetAsync($"risk/v1/campaigns/{campaignId}"), "campaign_id");
        }),

        new("ListCampaigns", RiskScopes.RecommendationsRead, async f =>
        {
            var (_, campaignId) = await VictimRingAndCampaignAsync(f);
            using var attacker = f.ClientFor(f.Attacker);
            var list = await CrossTenantFixture.BodyAsync(await attacker.GetAsync("risk/v1/campaigns"), HttpStatusCode.OK);
            Assert.DoesNotContain(campaignId, list.GetRawText(), StringComparison.Ordinal);
        }),

        new("GetCurrentModel", RiskScopes.RecommendationsRead, async f =>
        {
            // No id to pass: the tenant is the token's, so the attacker only ever sees its own (absent) model.
            using var attacker = f.ClientFor(f.Attacker);
            await ExpectNotFoundAsync(await attacker.GetAsync("risk/v1/models/current"), "model");
        }),

        new("TrainModel", RiskScopes.ModelsWrite, async f =>
        {
            // The victim's labeled actions never reach the attacker's training: it reads none.
            using var attacker = f.ClientFor(f.Attacker);
            var body = await CrossTenantFixture.BodyAsync(await attacker.PostAsync("risk/v1/models/train", content: null), HttpStatusCode.UnprocessableEntity);
            Assert.StartsWith("labels: 0 labeled actions", body.GetProperty("message")[0].GetString(), StringComparison.Ordinal);
        }),

        new("GetRecommendation", RiskScopes.RecommendationsRead, async f =>
        {
            using var attacker = f.ClientFor(f.Attacker);
            await ExpectNotFoundAsync(await attacker.GetAsync($"risk/v1/recommendation?action_token={f.Owned.ActionToken}"), "action_token");
        }),

        new("ActionResult", RiskScopes.ActionsWrite, async f =>
        {
            using var attacker = f.ClientFor(f.Attacker);
            await ExpectNotFoundAsync(
                await attacker.PostAsync("risk/v1/action/result", CrossTenantFixture.Json(ActionResultBody(f.Owned.ActionToken, "attacker-user"))),
                "action_token");
            var victimAction = (await f.GetVictimActionAsync())!;
            Assert.Null(victimAction.Result);
            Assert.Null(victimAction.BoundUserId);
        }, ActionResultBody(new string('0', 64), "someone")),

        new("TriggerAction", RiskScopes.ActionsWrite, async f =>
        {
            // From the victim's address: the attacker's history signals must count only
            // the attacker's own actions, exactly as from an address nobody used.
            using var attacker = f.ClientFor(f.Attacker);
            var fromVictimIp = await CrossTenantFixture.BodyAsync(
                await attacker.PostAsync("risk/v1/action/trigger-action?get_recommendation=true", CrossTenantFixture.Json(LoginBody("attacker-user-1", f.Owned.ActionIp))),
                HttpStatusCode.Created);
            var fromUnusedIp = await CrossTenantFixture.BodyAsync(
                await attacker.PostAsync("risk/v1/action/trigger-action?get_recommendation=true", CrossTenantFixture.Json(LoginBody("attacker-user-2", "203.0.113.99"))),
                HttpStatusCode.Created);
            Assert.NotEqual(f.Owned.ActionToken, fromVictimIp.GetProperty("action_token").GetString());
            Assert.Equal(History(fromUnusedIp).GetRawText(), History(fromVictimIp).GetRawText());
            var victimAction = (await f.GetVictimActionAsync())!;
            Assert.Null(victimAction.Result);
            Assert.Null(victimAction.LabelId);
        }, LoginBody("someone", "203.0.113.98")),

        new("GetLabel", RiskScopes.LabelsRead, async f =>
        {
            using var attacker = f.ClientFor(f.Attacker);
            await ExpectNotFoundAsync(await attacker.GetAsync($"risk/v1/label/{f.Owned.LabelId}"), "label_id");
        }),

        new("CreateLabel", RiskScopes.LabelsWrite, async f =>
        {
            // The victim's idempotency key must not replay the victim's label, and the victim's action
            // token or user as a subject must reach nothing of the victim's.
            using var attacker = f.ClientFor(f.Attacker);
            using var request = new HttpRequestMessage(HttpMethod.Post, "risk/v1/label") { Content = CrossTenantFixture.Json(LabelBody("ACTION_ID", f.Owned.ActionToken)) };
            request.Headers.Add("Idempotency-Key", f.Owned.LabelIdempotencyKey);
            var label = await CrossTenantFixture.BodyAsync(await attacker.SendAsync(request), HttpStatusCode.Created);
            Assert.NotEqual(f.Owned.LabelId, label.GetProperty("label_id").GetString());
            Assert.Empty(label.GetProperty("afftectedActionIds").EnumerateArray());
            var byUser = await CrossTenantFixture.BodyAsync(
                await attacker.PostAsync("risk/v1/label", CrossTenantFixture.Json(LabelBody("USER_ID", f.Owned.UserId))), HttpStatusCode.Created);
            await WaitForPropagationAsync(attacker, byUser.GetProperty("label_id").GetString()!);
            Assert.Null((await f.GetVictimActionAsync())!.LabelId);
            using var victim = f.ClientFor(f.Victim);
            var own = await CrossTenantFixture.BodyAsync(await victim.GetAsync($"risk/v1/label/{f.Owned.LabelId}"), HttpStatusCode.OK);
            Assert.Equal("USER_ID", own.GetProperty("label").GetProperty("subject").GetProperty("type").GetString());
        }, LabelBody("USER_ID", "someone")),

        new("DataDomeFeedback", RiskScopes.LabelsWrite, async f =>
        {
            using var attacker = f.ClientFor(f.Attacker);
            var byEvent = await CrossTenantFixture.BodyAsync(
                await attacker.PostAsync("datadome/v1/feedback", CrossTenantFixture.Json(DataDomeBody("eventId", f.Owned.ActionToken))), HttpStatusCode.Created);
            var byUser = await CrossTenantFixture.BodyAsync(
                await attacker.PostAsync("datadome/v1/feedback", CrossTenantFixture.Json(DataDomeBody("userId", f.Owned.UserId))), HttpStatusCode.Created);
            await WaitForPropagationAsync(attacker, byEvent.GetProperty("feedbackId").GetString()!);
            await WaitForPropagationAsync(attacker, byUser.GetProperty("feedbackId").GetString()!);
            Assert.Null((await f.GetVictimActionAsync())!.LabelId);
        }, DataDomeBody("userId", "someone"), ErrorShape.DataDome),

        new("RavelinLabel", RiskScopes.LabelsWrite, async f =>
        {
            using var attacker = f.ClientFor(f.Attacker);
            using (var response = await attacker.PostAsync($"ravelin/v2/customer/{f.Owned.UserId}/labels", CrossTenantFixture.Json(RavelinBody)))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            // Ravelin's answer carries no label id; a later label of the same attacker, once propagated,
            // bounds the time the first one had to (wrongly) reach the victim.
            var later = await CrossTenantFixture.BodyAsync(
                await attacker.PostAsync("datadome/v1/feedback", CrossTenantFixture.Json(DataDomeBody("userId", f.Owned.UserId))), HttpStatusCode.Created);
            await WaitForPropagationAsync(attacker, later.GetProperty("feedbackId").GetString()!);
            Assert.Null((await f.GetVictimActionAsync())!.LabelId);
        }, RavelinBody, ErrorShape.Ravelin),

        new("ReportFraud", RiskScopes.LabelsWrite, async f =>
        {
            // The victim's transaction is unknown to the attacker: no report, no label, nothing to probe.
            using var attacker = f.ClientFor(f.Attacker);
            await ExpectLithicNotFoundAsync(await attacker.PostAsync($"lithic/v1/fraud/transactions/{f.Owned.ActionToken}", CrossTenantFixture.Json(LithicBody)));
            await ExpectVictimTransactionUnreportedAsync(f);
            Assert.Null((await f.GetVictimActionAsync())!.LabelId);
        }, LithicBody, ErrorShape.Lithic),

        new("GetFraudReport", RiskScopes.LabelsRead, async f =>
        {
            using var attacker = f.ClientFor(f.Attacker);
            await ExpectLithicNotFoundAsync(await attacker.GetAsync($"lithic/v1/fraud/transactions/{f.Owned.ActionToken}"));
        }),
    ];

    private const string ImportActionLine = """{"type":"action","ref":"valid","occurred_at":1700000000000,"action":{"action_type":"login"}}""";

    private static string ImportLabelLine(string subjectType, string subjectValue) =>
        """{"type":"label","occurred_at":1700000000000,"label":""" + LabelBody(subjectType, subjectValue) + "}";

    private const string LithicBody = """{"fraud_status":"FRAUDULENT","fraud_type":"CARD_COMPROMISED"}""";

    private const string RavelinBody = """{"category":"PAYMENT_FRAUD","review":"FRAUDSTER","reviewer":{"name":"Analyst","email":"analyst@example.com"}}""";

    public static string LoginBody(string userId, string ip) =>
        """{"action_type":"login","user_id":""" + JsonSerializer.Serialize(userId) + ""","context":{"ip":""" + JsonSerializer.Serialize(ip) + "}}";

    public static string ActionResultBody(string actionToken, string userId) =>
        """{"action_token":""" + JsonSerializer.Serialize(actionToken) + ""","result":"success","user_id":""" + JsonSerializer.Serialize(userId) + "}";

    private static JsonElement History(JsonElement triggered) =>
        triggered.GetProperty("recommendation").GetProperty("risk_signals").GetProperty("history");

    public static string DataDomeBody(string subjectField, string subjectValue) =>
        "{" + JsonSerializer.Serialize(subjectField) + ":" + JsonSerializer.Serialize(subjectValue) + ""","decision":"deny","origin":"manualReview"}""";

    public static string RuleBody(string name, int priority) =>
        $$"""{"name":{{JsonSerializer.Serialize(name)}},"priority":{{priority.ToString(CultureInfo.InvariantCulture)}},"matcher":{"user_ids":["u-1"]},"recommendation":"DENY","enabled":true,"mode":"PRODUCTION"}""";

    public static string LabelBody(string subjectType, string subjectValue) =>
        """{"label_type":"CONFIRMED_FRAUD","subject":{"type":""" + JsonSerializer.Serialize(subjectType) + ""","value":""" + JsonSerializer.Serialize(subjectValue) + "}}";

    /// <summary>Waits (bounded) until a label's propagation finished, so its effects can be checked.</summary>
    private static async Task WaitForPropagationAsync(HttpClient client, string labelId)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var status = await CrossTenantFixture.BodyAsync(await client.GetAsync($"risk/v1/label/{labelId}"), HttpStatusCode.OK);
            if (status.GetProperty("propagation_state").GetString() is "done" or "failed")
            {
                Assert.Equal(0, status.GetProperty("affected_action_count").GetInt32());
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"label {labelId} did not finish propagating");
    }

    /// <summary>404 with the error body naming the id field, exactly as for an id that does not exist.</summary>
    /// <summary>
    /// A ring (five accounts on two devices and one card) and a campaign (a bot registration burst from one
    /// fingerprint) of the victim's, made through trigger-action and the maintenance function; made once.
    /// </summary>
    private static async Task<(string RingId, string CampaignId)> VictimRingAndCampaignAsync(CrossTenantFixture f)
    {
        await VictimThreats.WaitAsync();
        try
        {
            if (_victimThreats is { } made)
            {
                return made;
            }

            using var victim = f.ClientFor(f.Victim, RiskScopes.ActionsWrite, RiskScopes.RecommendationsRead);
            for (var i = 0; i < 40; i++)
            {
                var transaction = i < 5 ? ""","transaction_data":{"amount":20,"currency":"USD","payer":{"card":{"bin":"411111","last4":"0042"}}}""" : string.Empty;
                var (type, user, device) = i < 5 ? ("transaction", "ring-" + i, "ring-dev-" + (i % 2)) : ("register", "bot-" + i, "bot-dev-" + i);
                var fingerprint = i < 5 ? "fp-" + device : "bot-fp";
                var body = "{\"action_type\":\"" + type + "\",\"user_id\":\"" + user + "\",\"context\":{\"ip\":\"198.51.100." + (i + 1).ToString(CultureInfo.InvariantCulture)
                    + "\",\"device_id\":\"" + device + "\",\"device_fingerprint\":\"" + fingerprint + "\"}" + transaction + "}";
                await CrossTenantFixture.BodyAsync(await victim.PostAsync("risk/v1/action/trigger-action", CrossTenantFixture.Json(body)), HttpStatusCode.Created);
            }

            using var admin = f.NewClient();
            using (var invoked = await admin.PostAsync("admin/functions/RingCampaignMaintenance", CrossTenantFixture.Json("""{"input":""}""")))
            {
                Assert.True(invoked.IsSuccessStatusCode);
            }

            for (var attempt = 0; attempt < 300; attempt++)
            {
                var rings = await CrossTenantFixture.BodyAsync(await victim.GetAsync("risk/v1/fraud-rings"), HttpStatusCode.OK);
                var campaigns = await CrossTenantFixture.BodyAsync(await victim.GetAsync("risk/v1/campaigns"), HttpStatusCode.OK);
                if (rings.GetProperty("fraud_rings").GetArrayLength() > 0 && campaigns.GetProperty("campaigns").GetArrayLength() > 0)
                {
                    _victimThreats = (rings.GetProperty("fraud_rings")[0].GetProperty("ring_id").GetString()!, campaigns.GetProperty("campaigns")[0].GetProperty("campaign_id").GetString()!);
                    return _victimThreats.Value;
                }

                await Task.Delay(100);
            }

            throw new InvalidOperationException("the victim's ring and campaign were not found by maintenance");
        }
        finally
        {
            VictimThreats.Release();
        }
    }

    private static async Task ExpectNotFoundAsync(HttpResponseMessage response, string field)
    {
        using (response)
        {
            var body = await CrossTenantFixture.BodyAsync(response, HttpStatusCode.NotFound);
            Assert.Equal(404, body.GetProperty("error_code").GetInt32());
            Assert.StartsWith(field + ":", body.GetProperty("message")[0].GetString(), StringComparison.Ordinal);
        }
    }

    /// <summary>404 in Lithic's error body naming the transaction token, exactly as for a token that does not exist.</summary>
    private static async Task ExpectLithicNotFoundAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await CrossTenantFixture.BodyAsync(response, HttpStatusCode.NotFound);
            Assert.Equal("transaction_token: no such transaction", body.GetProperty("message").GetString());
        }
    }

    private static async Task ExpectVictimTransactionUnreportedAsync(CrossTenantFixture f)
    {
        using var victim = f.ClientFor(f.Victim);
        var report = await CrossTenantFixture.BodyAsync(await victim.GetAsync($"lithic/v1/fraud/transactions/{f.Owned.ActionToken}"), HttpStatusCode.OK);
        Assert.Equal("NO_REPORTED_FRAUD", report.GetProperty("fraud_status").GetString());
    }

    private static async Task ExpectVictimRuleIntactAsync(CrossTenantFixture f)
    {
        using var victim = f.ClientFor(f.Victim);
        var rule = await CrossTenantFixture.BodyAsync(await victim.GetAsync($"risk/v1/recommendation/rules/{f.Owned.RuleId}"), HttpStatusCode.OK);
        Assert.Equal(f.Owned.RuleName, rule.GetProperty("data").GetProperty("name").GetString());
        Assert.Equal(f.Owned.RulePriority, rule.GetProperty("data").GetProperty("priority").GetInt32());
    }
}
