using System.Text.Json.Nodes;
using RiskFunctions.Testing.Security;
using static RiskFunctions.Handler.Tests.Features.Actions.ActionCalls;

namespace RiskFunctions.Handler.Tests.Features.Actions;

/// <summary>The whole loop: successful actions build a profile, which later recommendations are scored against.</summary>
public sealed class ProfileTrustTests(ActionsAppFixture fixture) : IClassFixture<ActionsAppFixture>
{
    private ActionsTestApp App => fixture.App;

    private static string TypeOf(JsonObject body) => body["recommendation"]!["recommendation"]!["type"]!.GetValue<string>();

    private async Task<HttpClient> WithHistoryAsync(TestTenant tenant, string user, int days)
    {
        var client = App.ClientFor(tenant);
        for (var i = 0; i < days; i++)
        {
            var (_, body) = await TriggerAsync(client, Login(user: user, device: "device-" + user));
            await ResultAsync(client, body["action_token"]!.GetValue<string>(), "success");
            App.Time.Advance(TimeSpan.FromDays(1));
        }

        return client;
    }

    [Fact]
    public async Task Trigger_KnownUserOnTrustedDevice_IsTrusted()
    {
        var tenant = TestTenant.Create();
        var client = await WithHistoryAsync(tenant, "alice", 6);

        var (_, body) = await TriggerAsync(client, Login(user: "alice", device: "device-alice"));

        Assert.Equal("TRUST", TypeOf(body));
        Assert.Empty(Strings(body["recommendation"]!["reasons"]));
    }

    [Fact]
    public async Task Trigger_KnownUserFromNewDeviceBrowserAndCountry_IsChallengedAsTakeover()
    {
        var tenant = TestTenant.Create();
        var client = await WithHistoryAsync(tenant, "bob", 6);

        var (_, body) = await TriggerAsync(client, Login(user: "bob", device: "attacker-laptop", ip: "198.51.100.23", agent: AwayAgent));

        Assert.Equal("CHALLENGE", TypeOf(body));
        var reasons = Strings(body["recommendation"]!["reasons"]);
        Assert.Contains("PROFILE_DEVICE_NEW", reasons);
        Assert.Contains("PROFILE_COUNTRY_NEW", reasons);
        Assert.Contains("ACCOUNT_TAKEOVER", Strings(body["recommendation"]!["threats"]));
    }

    [Fact]
    public async Task Trigger_ClaimedUserBeforeLogin_IsScoredAgainstTheClaimedUsersProfile()
    {
        var tenant = TestTenant.Create();
        var client = await WithHistoryAsync(tenant, "carol", 6);
        var action = Login(user: null, device: "device-carol");
        action["claimed_user_id"] = "carol";

        var (_, body) = await TriggerAsync(client, action);

        Assert.DoesNotContain("PROFILE_USER_NEW", Strings(body["recommendation"]!["reasons"]));
        Assert.Equal("carol", body["recommendation"]!["context"]!["claimed_user_id"]!.GetValue<string>());
    }
}
