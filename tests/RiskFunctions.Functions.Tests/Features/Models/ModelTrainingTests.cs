using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Functions.Security;
using RiskFunctions.Functions.Tests.Features.Actions;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Features.Models;

/// <summary>
/// The learned model end to end through the local host: labeled actions train a tenant's model on demand, the model
/// endpoint describes it, the next recommendations are scored by it with their reasons, and other tenants keep the
/// hand-tuned model.
/// </summary>
public sealed class ModelTrainingTests(ModelsAppFixture app) : IClassFixture<ModelsAppFixture>
{
    private const int Users = 60;
    private const int ActionsPerUser = 4;

    [Fact]
    public async Task TrainModel_LabeledPopulation_ModelScoresTheNextActionsOfThatTenantOnly()
    {
        var tenant = TestTenant.Create("learns");
        var other = TestTenant.Create("untrained");
        using var client = app.ClientFor(tenant);
        using var admin = app.ClientFor(tenant, RiskScopes.ModelsWrite);
        using var reader = app.ClientFor(tenant, RiskScopes.RecommendationsRead);
        await ReportLabeledPopulationAsync(client, tenant.Id);

        using var trained = await admin.PostAsync(new Uri("risk/v1/models/train", UriKind.Relative), content: null);
        var model = await ActionCalls.BodyAsync(trained);

        Assert.True(trained.StatusCode == HttpStatusCode.OK, model.ToJsonString());
        var version = model["version"]!.GetValue<string>();
        Assert.Equal(Users * ActionsPerUser / 2, model["labels"]!["fraud"]!.GetValue<int>());
        Assert.Equal(Users * ActionsPerUser / 2, model["labels"]!["legitimate"]!.GetValue<int>());
        Assert.True(model["labels"]!["validation"]!["fraud"]!.GetValue<int>() > 0 && model["labels"]!["validation"]!["legitimate"]!.GetValue<int>() > 0);
        Assert.True(model["validation_roc_auc"]!.GetValue<double>() >= 0.9, model.ToJsonString());
        Assert.NotEmpty(model["feature_importances"]!.AsArray());

        using var current = await reader.GetAsync(new Uri("risk/v1/models/current", UriKind.Relative));
        var described = await ActionCalls.BodyAsync(current);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(version, described["version"]!.GetValue<string>());
        Assert.NotNull(described["at_challenge"]);

        var (fraudToken, fraud) = await TriggerAsync(client, FraudLogin("newcomer-fraud"));
        var (legitToken, legit) = await TriggerAsync(client, LegitLogin("newcomer-legit"));
        Assert.Equal(version, (await app.Actions.GetAsync(tenant.Id, fraudToken))!.Model);
        Assert.Equal(version, (await app.Actions.GetAsync(tenant.Id, legitToken))!.Model);
        Assert.NotEmpty(ActionCalls.Strings(fraud["reasons"]));
        Assert.True(
            fraud["risk_score"]!.GetValue<double>() > legit["risk_score"]!.GetValue<double>(),
            $"fraud pattern {fraud["risk_score"]}, legitimate pattern {legit["risk_score"]}");

        using var otherClient = app.ClientFor(other);
        var (otherToken, _) = await TriggerAsync(otherClient, FraudLogin("someone"));
        Assert.Equal(RiskAssessment.HandTunedModel, (await app.Actions.GetAsync(other.Id, otherToken))!.Model);
        using var otherModel = await otherClient.GetAsync(new Uri("risk/v1/models/current", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, otherModel.StatusCode);
    }

    [Fact]
    public async Task TriggerAction_FreshTenantOrdinaryNewUser_IsAllowedByTheHandTunedModel()
    {
        // A tenant's very first customer registers from a residential address and buys three minutes later.
        var tenant = TestTenant.Create("cold");
        using var client = app.ClientFor(tenant);
        var register = LegitLogin("first-customer");
        register["action_type"] = "register";
        var purchase = LegitLogin("first-customer");
        purchase["action_type"] = "transaction";

        var (registered, atRegistration) = await TriggerAsync(client, register);
        using (var result = await ActionCalls.ResultAsync(client, registered))
        {
            Assert.Equal(HttpStatusCode.Created, result.StatusCode);
        }

        var (purchased, atPurchase) = await TriggerAsync(client, purchase);

        Assert.True(atRegistration["recommendation"]!["type"]!.GetValue<string>() == "ALLOW", atRegistration.ToJsonString());
        Assert.True(atPurchase["recommendation"]!["type"]!.GetValue<string>() == "ALLOW", atPurchase.ToJsonString());
        var stored = (await app.Actions.GetAsync(tenant.Id, purchased))!;
        Assert.Equal(RiskAssessment.HandTunedModel, stored.Model);
        Assert.Equal(RiskFunctions.Domain.Scoring.Learning.RiskFeatures.Count, stored.Features!.Length);
    }

    [Fact]
    public async Task TrainModel_TooFewLabels_Returns422AndStoresNothing()
    {
        var tenant = TestTenant.Create("few");
        using var client = app.ClientFor(tenant);
        using var admin = app.ClientFor(tenant, RiskScopes.ModelsWrite);
        await TriggerAsync(client, LegitLogin("lonely"));

        using var response = await admin.PostAsync(new Uri("risk/v1/models/train", UriKind.Relative), content: null);

        var body = await ActionCalls.BodyAsync(response);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(422, body["error_code"]!.GetValue<int>());
        Assert.StartsWith("labels: 0 labeled actions", body["message"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        using var current = await client.GetAsync(new Uri("risk/v1/models/current", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, current.StatusCode);
    }

    [Fact]
    public async Task TrainModel_WithoutModelsWriteScope_Returns403()
    {
        var tenant = TestTenant.Create("noadmin");
        using var client = app.ClientFor(tenant, [.. RiskScopes.Default]);

        using var response = await client.PostAsync(new Uri("risk/v1/models/train", UriKind.Relative), content: null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>
    /// Half the users act like fraudsters (over Tor, with a shared device), half like customers; the rounds are
    /// interleaved so both kinds are in the oldest and the newest actions. Then every user is labeled.
    /// </summary>
    private async Task ReportLabeledPopulationAsync(HttpClient client, string tenantId)
    {
        for (var round = 0; round < ActionsPerUser; round++)
        {
            for (var user = 0; user < Users; user++)
            {
                var name = UserName(user);
                await TriggerAsync(client, user % 2 == 0 ? FraudLogin(name) : LegitLogin(name));
            }
        }

        for (var user = 0; user < Users; user++)
        {
            var label = new JsonObject
            {
                ["label_type"] = user % 2 == 0 ? "CONFIRMED_FRAUD" : "CONFIRMED_LEGIT",
                ["subject"] = new JsonObject { ["type"] = "USER_ID", ["value"] = UserName(user) },
            };
            using var response = await client.PostAsync(new Uri("risk/v1/label", UriKind.Relative), ActionCalls.JsonText(label.ToJsonString()));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        await app.WaitForLabelsSettledAsync(tenantId, Users);
    }

    private static string UserName(int user) => "user-" + user.ToString("D3", CultureInfo.InvariantCulture);

    private static JsonObject FraudLogin(string user)
    {
        var login = ActionCalls.Login(user, ip: "198.51.100.7", device: "shared-rig", agent: ActionCalls.AwayAgent);
        login["risk_signals"] = new JsonObject { ["network"] = new JsonObject { ["tor"] = true } };
        return login;
    }

    private static JsonObject LegitLogin(string user) =>
        ActionCalls.Login(user, ip: "192.0.2." + ((user.Sum(c => c) % 200) + 1).ToString(CultureInfo.InvariantCulture), device: "device-" + user);

    private static async Task<(string Token, JsonObject Body)> TriggerAsync(HttpClient client, JsonObject action)
    {
        var (response, body) = await ActionCalls.TriggerAsync(client, action);
        using (response)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        }

        return (body["action_token"]!.GetValue<string>(), body["recommendation"]!.AsObject());
    }
}
