using System.Net;
using System.Text.Json.Nodes;
using RiskFunctions.Functions.Tests.Features.Actions;
using RiskFunctions.Functions.Security;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Testing.FunctionApp;
using RiskFunctions.Testing.Security;
using static RiskFunctions.Functions.Tests.Features.Actions.ActionCalls;
using static RiskFunctions.Functions.Tests.Features.Import.ImportCalls;

namespace RiskFunctions.Functions.Tests.Features.Import;

/// <summary>
/// The historical import through the local host and the real worker on Azurite: lines applied in order at their
/// original times by the live pipeline, the scope that guards it, idempotent re-posting and tenant isolation.
/// </summary>
[Collection(FunctionAppCollection.Name)]
public sealed class ImportApiTests(FunctionAppFixture app)
{
    private readonly AppTables _tables = new(app);

    // One "now" per test (xunit makes an instance per test), so that lines computed from it keep their order.
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    private DateTimeOffset DaysAgo(double days) => _now.AddDays(-days);

    private ActionRepository Actions => _tables.Actions;

    [Fact]
    public async Task Import_ActionResultAndLabel_AppliesEachLineAtItsOriginalTime()
    {
        var tenant = TestTenant.Create();
        var client = app.ClientFor(tenant, RiskScopes.Import, RiskScopes.RecommendationsRead);
        var at = DaysAgo(30);

        var (response, body) = await ImportAsync(
            client,
            ActionLine("evt-1", at, Login(user: "alice")),
            ResultLine("evt-1", at.AddSeconds(5), userId: "alice"),
            ActionLabelLine("evt-1", at.AddDays(2), "CONFIRMED_LEGIT", reference: "review-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, body["imported"]!.GetValue<int>());
        var token = Token(body, 0);
        Assert.Equal(["action", "result", "label"], body["results"]!.AsArray().Select(r => r!["type"]!.GetValue<string>()));
        Assert.Equal([1, 2, 3], body["results"]!.AsArray().Select(r => r!["line"]!.GetValue<int>()));
        Assert.Equal(token, Token(body, 1));
        Assert.Equal(token, Token(body, 2));
        Assert.InRange(Line(body, 0)["risk_score"]!.GetValue<double>(), 0, 100);
        Assert.NotNull(Line(body, 0)["recommendation"]);
        Assert.NotNull(Line(body, 2)["label_id"]);

        var recommendation = await RecommendationAsync(client, token);
        Assert.Equal(at.ToUnixTimeMilliseconds(), recommendation["issued_at"]!.GetValue<long>());
        Assert.Equal("success", recommendation["recommendation"]!["result"]!.GetValue<string>());
        var stored = await Actions.GetAsync(tenant.Id, token);
        Assert.Equal(at.AddSeconds(5).ToUnixTimeMilliseconds(), stored!.ResultAt!.Value.ToUnixTimeMilliseconds());
        Assert.Equal(Line(body, 2)["label_id"]!.GetValue<string>(), stored.LabelId);
        Assert.True(stored.ProfileFed);
    }

    [Fact]
    public async Task Import_DailyLoginsInOneBatch_LaterLinesAreScoredAgainstTheProfileEarlierLinesBuilt()
    {
        var tenant = TestTenant.Create();
        var client = app.ClientFor(tenant, RiskScopes.Import, RiskScopes.RecommendationsRead);
        var lines = new List<JsonObject>();
        for (var day = 0; day < 7; day++)
        {
            var at = DaysAgo(20 - day);
            lines.Add(ActionLine($"login-{day}", at, Login(user: "bob", device: "device-bob")));
            lines.Add(ResultLine($"login-{day}", at.AddSeconds(3)));
        }

        var (response, body) = await ImportAsync(client, [.. lines]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var first = Line(body, 0);
        var last = Line(body, lines.Count - 2);
        Assert.NotEqual("TRUST", first["recommendation"]!.GetValue<string>());
        Assert.Contains("PROFILE_USER_NEW", Strings((await RecommendationAsync(client, Token(body, 0)))["reasons"]));
        Assert.Equal("TRUST", last["recommendation"]!.GetValue<string>());
        Assert.True(last["risk_score"]!.GetValue<double>() < first["risk_score"]!.GetValue<double>());
    }

    [Fact]
    public async Task Import_FraudLabelBeforeALaterAction_LaterActionSeesTheLabeledUser()
    {
        var tenant = TestTenant.Create();
        var client = app.ClientFor(tenant, RiskScopes.Import, RiskScopes.RecommendationsRead);
        var at = DaysAgo(10);

        var (response, body) = await ImportAsync(
            client,
            ActionLine("a-1", at, Login(user: "mallory", device: "device-m")),
            ResultLine("a-1", at.AddSeconds(2)),
            ActionLine("a-2", at.AddHours(1), Login(user: "mallory", device: "device-m")),
            ActionLabelLine("a-1", at.AddHours(2)),
            ActionLine("a-3", at.AddHours(3), Login(user: "mallory", device: "device-m")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("USER_LABELED_FRAUD", Strings((await RecommendationAsync(client, Token(body, 2)))["reasons"]));
        var after = await RecommendationAsync(client, Token(body, 4));
        Assert.Contains("USER_LABELED_FRAUD", Strings(after["reasons"]));
        Assert.True(Line(body, 4)["risk_score"]!.GetValue<double>() > Line(body, 2)["risk_score"]!.GetValue<double>());
    }

    /// <summary>
    /// A result binds an anonymous action to a user labeled by an earlier line: the label reached the user's actions
    /// then, and this one gets it when its listing under the user is written at the segment's end.
    /// </summary>
    [Fact]
    public async Task Import_ResultBindsAnActionToAUserLabeledEarlier_TheActionCarriesTheLabel()
    {
        var tenant = TestTenant.Create();
        var client = app.ClientFor(tenant, RiskScopes.Import);
        var at = DaysAgo(3);
        var userLabel = new JsonObject
        {
            ["type"] = "label",
            ["ref"] = "review-oscar",
            ["occurred_at"] = at.AddHours(1).ToUnixTimeMilliseconds(),
            ["label"] = new JsonObject { ["label_type"] = "CONFIRMED_FRAUD", ["subject"] = new JsonObject { ["type"] = "USER_ID", ["value"] = "oscar" } },
        };

        var (response, body) = await ImportAsync(
            client,
            ActionLine("anonymous-1", at, Login(user: null, ip: "198.51.100.77", device: "device-o")),
            userLabel,
            ResultLine("anonymous-1", at.AddHours(2), userId: "oscar"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await Actions.GetAsync(tenant.Id, Token(body, 0));
        Assert.Equal("oscar", stored!.BoundUserId);
        Assert.Equal(Line(body, 1)["label_id"]!.GetValue<string>(), stored.LabelId);
        var device = await new SubjectStateRepository(_tables.Tables).ReadAsync(tenant.Id, new ActionSubject(ActionSubjectKind.DeviceId, "device-o"));
        Assert.Single(device.LinkedFraud);
    }

    [Fact]
    public async Task Import_ResultForAnActionOfAnEarlierBatch_IsRecorded()
    {
        var tenant = TestTenant.Create();
        var client = app.ClientFor(tenant, RiskScopes.Import);
        var at = DaysAgo(5);
        var (_, first) = await ImportAsync(client, ActionLine("early", at, Login(user: null)));

        var (response, body) = await ImportAsync(client, ResultLine("early", at.AddMinutes(1), userId: "erin"), ActionLabelLine("early", at.AddDays(1)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Token(first, 0), Token(body, 0));
        var stored = await Actions.GetAsync(tenant.Id, Token(first, 0));
        Assert.Equal("erin", stored!.BoundUserId);
        Assert.NotNull(stored.LabelId);
    }

    [Fact]
    public async Task Import_SameBatchPostedTwice_CreatesNothingTwiceAndAnswersTheSame()
    {
        var tenant = TestTenant.Create();
        var client = app.ClientFor(tenant, RiskScopes.Import);
        var at = DaysAgo(8);
        JsonObject[] lines =
        [
            ActionLine("r-1", at, Login(user: "carol")),
            ResultLine("r-1", at.AddSeconds(1)),
            ActionLine("r-2", at.AddHours(1), Login(user: "carol", device: "other")),
            ActionLabelLine("r-2", at.AddHours(2)),
        ];
        var (_, first) = await ImportAsync(client, lines);
        var actions = await _tables.CountRowsAsync(ActionTables.ActionsTableName, tenant);
        var index = await _tables.CountRowsAsync(ActionTables.ActionIndexTableName, tenant);
        var labels = await _tables.CountRowsAsync(LabelTables.LabelsTableName, tenant);

        var (response, second) = await ImportAsync(client, lines);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        Assert.Equal(2, actions);
        Assert.Equal(actions, await _tables.CountRowsAsync(ActionTables.ActionsTableName, tenant));
        Assert.Equal(index, await _tables.CountRowsAsync(ActionTables.ActionIndexTableName, tenant));
        Assert.Equal(labels, await _tables.CountRowsAsync(LabelTables.LabelsTableName, tenant));
    }

    [Fact]
    public async Task Import_ClientWithDefaultScopes_Returns403AndStoresNothing()
    {
        var tenant = TestTenant.Create();
        var client = app.ClientFor(tenant, [.. RiskScopes.Default]);

        var (response, body) = await ImportAsync(client, ActionLine("x", DaysAgo(1), Login()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(Messages(body), message => message.Contains(RiskScopes.Import, StringComparison.Ordinal));
        Assert.Equal(0, await _tables.CountRowsAsync(ActionTables.ActionsTableName, tenant));
    }

    [Fact]
    public async Task TriggerAction_WithAClientTimestamp_IsStillRecordedAtTheServersTime()
    {
        var tenant = TestTenant.Create();
        var client = app.ClientFor(tenant);
        var action = Login(user: "dave");
        action["occurred_at"] = DaysAgo(300).ToUnixTimeMilliseconds();
        action["timestamp"] = DaysAgo(300).ToUnixTimeMilliseconds();

        var before = DateTimeOffset.UtcNow;
        var (response, body) = await TriggerAsync(client, action);
        var after = DateTimeOffset.UtcNow;

        // The worker's clock is the system's: the exact time is pinned on a manual clock in ClockedTriggerActionTests.
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.InRange(body["recommendation"]!["issued_at"]!.GetValue<long>(), before.ToUnixTimeMilliseconds(), after.ToUnixTimeMilliseconds());
        var stored = await Actions.GetAsync(tenant.Id, body["action_token"]!.GetValue<string>());
        Assert.InRange(stored!.OccurredAt, before, after);
    }

    [Fact]
    public async Task Import_SameRefInTwoTenants_GivesEachItsOwnActionAndNeverReachesTheOther()
    {
        var victim = TestTenant.Create("victim");
        var attacker = TestTenant.Create("attacker");
        var at = DaysAgo(3);
        var (_, owned) = await ImportAsync(app.ClientFor(victim, RiskScopes.Import), ActionLine("shared-ref", at, Login(user: "victor")));
        var victimToken = Token(owned, 0);
        var attackerClient = app.ClientFor(attacker, RiskScopes.Import, RiskScopes.RecommendationsRead);

        var (resultResponse, resultBody) = await ImportAsync(attackerClient, ResultLine("shared-ref", at.AddMinutes(1), userId: "eve"));
        var label = new JsonObject
        {
            ["type"] = "label",
            ["occurred_at"] = at.AddHours(1).ToUnixTimeMilliseconds(),
            ["label"] = new JsonObject { ["label_type"] = "CONFIRMED_FRAUD", ["subject"] = new JsonObject { ["type"] = "ACTION_ID", ["value"] = victimToken } },
        };
        var (labelResponse, labelBody) = await ImportAsync(attackerClient, label);
        var (actionResponse, actionBody) = await ImportAsync(attackerClient, ActionLine("shared-ref", at, Login(user: "eve")));

        Assert.Equal(HttpStatusCode.BadRequest, resultResponse.StatusCode);
        Assert.Equal(["lines[1].ref: names no imported action: its action line must come first, in this batch or an earlier one"], Messages(resultBody));
        Assert.Equal(HttpStatusCode.OK, labelResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, actionResponse.StatusCode);
        Assert.NotEqual(victimToken, Token(actionBody, 0));
        var recommendation = await attackerClient.GetAsync("/risk/v1/recommendation?action_token=" + victimToken);
        Assert.Equal(HttpStatusCode.NotFound, recommendation.StatusCode);
        var stored = await Actions.GetAsync(victim.Id, victimToken);
        Assert.Null(stored!.LabelId);
        Assert.Null(stored.Result);
        Assert.Null(stored.BoundUserId);
        Assert.NotNull(Line(labelBody, 0)["label_id"]);
    }
}
