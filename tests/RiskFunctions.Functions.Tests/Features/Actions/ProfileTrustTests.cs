using System.Text.Json.Nodes;
using RiskFunctions.Testing.Security;
using static RiskFunctions.Functions.Tests.Features.Actions.ActionCalls;

namespace RiskFunctions.Functions.Tests.Features.Actions;

/// <summary>
/// The whole loop: successful actions build a profile, which later recommendations are scored against. Days of
/// history pass on the manual clock of <see cref="ClockedActionServices"/>.
/// </summary>
public sealed class ProfileTrustTests(ClockedActionServices services) : IClassFixture<ClockedActionServices>
{
    private static string TypeOf(JsonObject body) => body["recommendation"]!["recommendation"]!["type"]!.GetValue<string>();

    private async Task WithHistoryAsync(TestTenant tenant, string user, int days)
    {
        for (var i = 0; i < days; i++)
        {
            var answer = await services.TriggerAsync(tenant, Login(user: user, device: "device-" + user));
            await services.ResultAsync(tenant, answer.Body["action_token"]!.GetValue<string>(), "success");
            services.Time.Advance(TimeSpan.FromDays(1));
        }
    }

    [Fact]
    public async Task Trigger_KnownUserOnTrustedDevice_IsTrusted()
    {
        var tenant = TestTenant.Create();
        await WithHistoryAsync(tenant, "alice", 6);

        var body = (await services.TriggerAsync(tenant, Login(user: "alice", device: "device-alice"))).Body;

        Assert.Equal("TRUST", TypeOf(body));
        Assert.Empty(Strings(body["recommendation"]!["reasons"]));
    }

    [Fact]
    public async Task Trigger_KnownUserFromNewDeviceBrowserAndCountry_IsChallengedAsTakeover()
    {
        var tenant = TestTenant.Create();
        await WithHistoryAsync(tenant, "bob", 6);

        var body = (await services.TriggerAsync(tenant, Login(user: "bob", device: "attacker-laptop", ip: "198.51.100.23", agent: AwayAgent))).Body;

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
        await WithHistoryAsync(tenant, "carol", 6);
        var action = Login(user: null, device: "device-carol");
        action["claimed_user_id"] = "carol";

        var body = (await services.TriggerAsync(tenant, action)).Body;

        Assert.DoesNotContain("PROFILE_USER_NEW", Strings(body["recommendation"]!["reasons"]));
        Assert.Equal("carol", body["recommendation"]!["context"]!["claimed_user_id"]!.GetValue<string>());
    }
}
