using System.Net;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Testing.FunctionApp;
using RiskFunctions.Testing.Security;
using static RiskFunctions.Functions.Tests.Features.Actions.ActionCalls;

namespace RiskFunctions.Functions.Tests.Features.Actions;

[Collection(FunctionAppCollection.Name)]
public sealed class ActionResultTests(FunctionAppFixture app)
{
    private readonly AppTables _tables = new(app);

    private ProfileRepository Profiles => _tables.Profiles;

    [Fact]
    public async Task Result_Success_IsShownOnTheRecommendationAndBuildsTheProfileOnce()
    {
        var tenant = TestTenant.Create();
        var client = app.ClientFor(tenant);
        var (_, body) = await TriggerAsync(client, Login(user: "alice"));
        var token = body["action_token"]!.GetValue<string>();

        var first = await ResultAsync(client, token, "success", challenge: "sms_otp");
        var second = await ResultAsync(client, token, "success", challenge: "sms_otp");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var recommendation = (await RecommendationAsync(client, token))["recommendation"]!;
        Assert.Equal("success", recommendation["result"]!.GetValue<string>());
        Assert.Equal("sms_otp", recommendation["challenge_type"]!.GetValue<string>());
        Assert.Equal(1, (await Profiles.GetAsync(tenant.Id, "alice")).ActionCount);
    }

    [Theory]
    [InlineData("failure")]
    [InlineData("incomplete")]
    public async Task Result_NotSuccessful_DoesNotBuildTheProfile(string result)
    {
        var tenant = TestTenant.Create();
        var client = app.ClientFor(tenant);
        var (_, body) = await TriggerAsync(client, Login(user: "bob"));

        var response = await ResultAsync(client, body["action_token"]!.GetValue<string>(), result);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False((await Profiles.GetAsync(tenant.Id, "bob")).IsKnown);
    }

    [Fact]
    public async Task Result_AnonymousAction_BindsTheUser()
    {
        var tenant = TestTenant.Create();
        var client = app.ClientFor(tenant);
        var (_, body) = await TriggerAsync(client, Login(user: null, device: "anon-device"));
        var token = body["action_token"]!.GetValue<string>();

        var response = await ResultAsync(client, token, "success", userId: "carol");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("carol", (await RecommendationAsync(client, token))["context"]!["user_id"]!.GetValue<string>());
        Assert.Equal(1, (await Profiles.GetAsync(tenant.Id, "carol")).ActionCount);
        var indexed = await _tables.Index
            .QueryAsync(tenant.Id, new ActionSubject(ActionSubjectKind.UserId, "carol")).ToListAsync();
        Assert.Equal(token, Assert.Single(indexed).ActionToken);
        var (_, next) = await TriggerAsync(client, Login(user: "dave", device: "anon-device"));
        Assert.Equal(2, next["recommendation"]!["risk_signals"]!["history"]!["linking_device_to_users_count"]!.GetValue<int>());
    }

    /// <summary>A claimed user is what the client believed; the result's user_id is who acted, and the action is listed under it.</summary>
    [Fact]
    public async Task Result_ClaimedUserActionWithTheResultsUser_ListsTheActionUnderTheResultsUser()
    {
        var tenant = TestTenant.Create();
        var client = app.ClientFor(tenant);
        var login = Login(user: null, device: "shared-device");
        login["claimed_user_id"] = "claimed-frank";
        var (_, body) = await TriggerAsync(client, login);
        var token = body["action_token"]!.GetValue<string>();

        var response = await ResultAsync(client, token, "success", userId: "grace");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, (await Profiles.GetAsync(tenant.Id, "grace")).ActionCount);
        var indexed = await _tables.Index
            .QueryAsync(tenant.Id, new ActionSubject(ActionSubjectKind.UserId, "grace")).ToListAsync();
        Assert.Equal(token, Assert.Single(indexed).ActionToken);
    }

    [Fact]
    public async Task Result_UserOtherThanTheActionsUser_Is400()
    {
        var client = app.ClientFor(TestTenant.Create());
        var (_, body) = await TriggerAsync(client, Login(user: "erin"));

        var response = await ResultAsync(client, body["action_token"]!.GetValue<string>(), "success", userId: "mallory");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("user_id:", (await BodyAsync(response))["message"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Result_UnknownOrOtherTenantsToken_Is404()
    {
        var (_, body) = await TriggerAsync(app.ClientFor(TestTenant.Create()), Login());

        var unknown = await ResultAsync(app.ClientFor(TestTenant.Create()), new string('b', 64));
        var foreign = await ResultAsync(app.ClientFor(TestTenant.Create()), body["action_token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Theory]
    [InlineData("{\"action_token\":\"x\",\"result\":\"success\"}", "action_token:")]
    [InlineData("{\"action_token\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}", "result: is required")]
    [InlineData("{\"action_token\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"result\":\"ok\"}", "result: must be one of success, failure, incomplete")]
    [InlineData("{\"action_token\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"result\":\"success\",\"challenge_type\":\"carrier_pigeon\"}", "challenge_type: must be one of")]
    [InlineData("{\"action_token\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"result\":\"success\",\"user_id\":\"a\\u0000b\"}", "user_id: must not contain control characters")]
    public async Task Result_InvalidBody_Is400NamingTheField(string json, string expected)
    {
        var response = await app.ClientFor(TestTenant.Create()).PostAsync("/risk/v1/action/result", JsonText(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await BodyAsync(response))["message"]!.ToJsonString(), StringComparison.Ordinal);
    }
}
