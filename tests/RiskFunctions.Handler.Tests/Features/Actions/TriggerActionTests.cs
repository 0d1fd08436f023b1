using System.Net;
using System.Text.Json.Nodes;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Testing.Security;
using static RiskFunctions.Handler.Tests.Features.Actions.ActionCalls;

namespace RiskFunctions.Handler.Tests.Features.Actions;

public sealed class TriggerActionTests(ActionsAppFixture fixture) : IClassFixture<ActionsAppFixture>
{
    private ActionsTestApp App => fixture.App;

    [Fact]
    public async Task Trigger_ValidLogin_Returns201AndTheStoredRecommendation()
    {
        var tenant = TestTenant.Create();
        var client = App.ClientFor(tenant);

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
        var (response, body) = await TriggerAsync(App.ClientFor(TestTenant.Create()), Login(), withRecommendation: false);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["action_token"], body.Select(p => p.Key));
    }

    [Fact]
    public async Task Trigger_Recommendation_CarriesEnrichmentScoreAndSignals()
    {
        var action = Login();
        action["risk_signals"] = new JsonObject { ["network"] = new JsonObject { ["tor"] = true } };

        var (_, body) = await TriggerAsync(App.ClientFor(TestTenant.Create()), action);

        var recommendation = body["recommendation"]!;
        var context = recommendation["context"]!;
        Assert.Equal("US", context["ip_country"]!.GetValue<string>());
        Assert.Equal("AS64496", context["ip_asn_id"]!.GetValue<string>());
        Assert.Equal("Chrome", context["browser_name"]!.GetValue<string>());
        Assert.Equal("desktop", context["device_platform"]!.GetValue<string>());
        Assert.Equal("login", context["action_type"]!.GetValue<string>());
        Assert.Equal(App.Time.GetUtcNow().ToUnixTimeMilliseconds(), context["action_performed_at"]!.GetValue<long>());
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
        var (_, body) = await TriggerAsync(App.ClientFor(TestTenant.Create()), Login(user: "first-timer"));

        Assert.NotEqual("TRUST", body["recommendation"]!["recommendation"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Trigger_RepeatedFromOneIp_CountsVelocityAcrossRequests()
    {
        var client = App.ClientFor(TestTenant.Create());
        await TriggerAsync(client, Login(user: "u1", device: "d1", ip: "198.51.100.7"));
        App.Time.Advance(TimeSpan.FromSeconds(1));
        await TriggerAsync(client, Login(user: "u2", device: "d2", ip: "198.51.100.7"));
        App.Time.Advance(TimeSpan.FromSeconds(1));

        var (_, body) = await TriggerAsync(client, Login(user: "u3", device: "d1", ip: "198.51.100.7"));

        var history = body["recommendation"]!["risk_signals"]!["history"]!;
        Assert.Equal(2, history["ip_action_rate_60_sec"]!.GetValue<int>());
        Assert.Equal(2, history["ip_user_count_last_hour"]!.GetValue<int>());
        Assert.Equal(2, history["ip_device_count_last_hour"]!.GetValue<int>());
        Assert.Equal(2, history["linking_device_to_users_count"]!.GetValue<int>());
        Assert.Equal(1, history["linking_user_to_device_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Trigger_CustomAttributesOfTheWrongShape_AreDropped()
    {
        var action = Login();
        action["custom_attributes"] = new JsonObject { ["plan"] = "gold", ["age"] = 42, ["vip"] = true, ["nested"] = new JsonObject { ["x"] = 1 }, ["list"] = new JsonArray(1) };

        var (response, body) = await TriggerAsync(App.ClientFor(TestTenant.Create()), action);

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

        var (response, body) = await TriggerAsync(App.ClientFor(TestTenant.Create()), action);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1500.75, body["recommendation"]!["transaction_data"]!["amount"]!.GetValue<double>());
        Assert.Equal(1712594340, body["recommendation"]!["transaction_data"]!["transactionDate"]!.GetValue<long>());
    }

    [Fact]
    public async Task Trigger_WithoutActionsScope_Is403AndStoresNothing()
    {
        var tenant = TestTenant.Create();
        var client = App.ClientFor(tenant, "recommendations:read");

        var (response, _) = await TriggerAsync(client, Login());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await App.CountRowsAsync(ActionTables.ActionsTableName, tenant));
    }

    [Fact]
    public async Task Trigger_WithoutToken_Is401()
    {
        var (response, _) = await TriggerAsync(App.CreateClient(), Login());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    public async Task Trigger_GetRecommendationNotABoolean_Is400(string value)
    {
        var tenant = TestTenant.Create();
        var response = await App.ClientFor(tenant).PostAsync("/risk/v1/action/trigger-action?get_recommendation=" + value, JsonText(Login().ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("get_recommendation: must be true or false", (await BodyAsync(response))["message"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, await App.CountRowsAsync(ActionTables.ActionsTableName, tenant));
    }
}
