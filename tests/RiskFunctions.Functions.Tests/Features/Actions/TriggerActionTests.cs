using System.Net;
using System.Text.Json.Nodes;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Testing.FunctionApp;
using RiskFunctions.Testing.Security;
using static RiskFunctions.Functions.Tests.Features.Actions.ActionCalls;

namespace RiskFunctions.Functions.Tests.Features.Actions;

/// <summary>trigger-action through the local host and the real worker: the answer, enrichment, scopes and query flags.</summary>
[Collection(FunctionAppCollection.Name)]
public sealed class TriggerActionTests(FunctionAppFixture app)
{
    private readonly AppTables _tables = new(app);

    [Fact]
    public async Task Trigger_ValidLogin_Returns201AndTheStoredRecommendation()
    {
        var tenant = TestTenant.Create();
        var client = app.ClientFor(tenant);

        var (response, body) = await TriggerAsync(client, Login());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var token = body["action_token"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{64}$", token);
        var recommendation = body["recommendation"]!.AsObject();
        Assert.Equal(token, recommendation["context"]!["action_id"]!.GetValue<string>());
        Assert.Equal((await RecommendationAsync(client, token)).ToJsonString(), recommendation.ToJsonString());
    }

    [Fact]
    public async Task Trigger_WithoutGetRecommendation_ReturnsTheTokenOnly()
    {
        var (response, body) = await TriggerAsync(app.ClientFor(TestTenant.Create()), Login(), withRecommendation: false);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["action_token"], body.Select(p => p.Key));
    }

    [Fact]
    public async Task Trigger_Recommendation_CarriesEnrichmentScoreAndSignals()
    {
        var action = Login();
        action["risk_signals"] = new JsonObject { ["network"] = new JsonObject { ["tor"] = true } };

        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var (_, body) = await TriggerAsync(app.ClientFor(TestTenant.Create()), action);
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var recommendation = body["recommendation"]!;
        var context = recommendation["context"]!;
        Assert.Equal("US", context["ip_country"]!.GetValue<string>());
        Assert.Equal("AS64496", context["ip_asn_id"]!.GetValue<string>());
        Assert.Equal("Chrome", context["browser_name"]!.GetValue<string>());
        Assert.Equal("desktop", context["device_platform"]!.GetValue<string>());
        Assert.Equal("login", context["action_type"]!.GetValue<string>());
        // The worker's clock is the system's: exactly when is pinned at service level (ClockedTriggerActionTests).
        Assert.InRange(context["action_performed_at"]!.GetValue<long>(), before, after);
        Assert.InRange(recommendation["risk_score"]!.GetValue<double>(), 0, 100);
        Assert.Contains("IP_TOR", Strings(recommendation["reasons"]));
        Assert.Contains("PROFILE_USER_NEW", Strings(recommendation["reasons"]));
        Assert.True(recommendation["risk_signals"]!["network"]!["tor"]!.GetValue<bool>());
        Assert.Equal(0, recommendation["risk_signals"]!["history"]!["ip_action_rate_60_sec"]!.GetValue<int>());
        Assert.Null(recommendation["recommendation"]!["result"]);
        Assert.True(recommendation["recommendation"]!.AsObject().ContainsKey("result"));
    }

    [Fact]
    public async Task Trigger_UnknownUser_IsNeverTrusted()
    {
        var (_, body) = await TriggerAsync(app.ClientFor(TestTenant.Create()), Login(user: "first-timer"));

        Assert.NotEqual("TRUST", body["recommendation"]!["recommendation"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Trigger_CustomAttributesOfTheWrongShape_AreDropped()
    {
        var action = Login();
        action["custom_attributes"] = new JsonObject { ["plan"] = "gold", ["age"] = 42, ["vip"] = true, ["nested"] = new JsonObject { ["x"] = 1 }, ["list"] = new JsonArray(1) };

        var (response, body) = await TriggerAsync(app.ClientFor(TestTenant.Create()), action);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var attributes = body["recommendation"]!["custom_attributes"]!.AsObject();
        Assert.Equal(["age", "plan", "vip"], attributes.Select(a => a.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Trigger_TransactionData_IsEchoedAsSent()
    {
        var action = Login();
        action["action_type"] = "transaction";
        action["transaction_data"] = new JsonObject { ["amount"] = 1500.75, ["currency"] = "USD", ["type"] = "purchase", ["transactionDate"] = 1712594340 };

        var (response, body) = await TriggerAsync(app.ClientFor(TestTenant.Create()), action);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1500.75, body["recommendation"]!["transaction_data"]!["amount"]!.GetValue<double>());
        Assert.Equal(1712594340, body["recommendation"]!["transaction_data"]!["transactionDate"]!.GetValue<long>());
    }

    [Fact]
    public async Task Trigger_WithoutActionsScope_Is403AndStoresNothing()
    {
        var tenant = TestTenant.Create();
        var client = app.ClientFor(tenant, "recommendations:read");

        var (response, _) = await TriggerAsync(client, Login());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await _tables.CountRowsAsync(ActionTables.ActionsTableName, tenant));
    }

    [Fact]
    public async Task Trigger_WithoutToken_Is401()
    {
        var (response, _) = await TriggerAsync(app.NewClient(), Login());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    public async Task Trigger_GetRecommendationNotABoolean_Is400(string value)
    {
        var tenant = TestTenant.Create();
        var response = await app.ClientFor(tenant).PostAsync("/risk/v1/action/trigger-action?get_recommendation=" + value, JsonText(Login().ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("get_recommendation: must be true or false", (await BodyAsync(response))["message"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, await _tables.CountRowsAsync(ActionTables.ActionsTableName, tenant));
    }
}
