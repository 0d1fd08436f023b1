using System.Net;
using RiskFunctions.Testing.Security;
using static RiskFunctions.Functions.Tests.Features.Actions.ActionCalls;

namespace RiskFunctions.Functions.Tests.Features.Actions;

/// <summary>trigger-action where time matters: the server's clock stamps the action, and velocity counts across requests within their windows.</summary>
public sealed class ClockedTriggerActionTests(ClockedActionServices services) : IClassFixture<ClockedActionServices>
{
    [Fact]
    public async Task Trigger_Recommendation_StampsTheServersTimeAsActionPerformedAt()
    {
        var answer = await services.TriggerAsync(TestTenant.Create(), Login());

        Assert.Equal((int)HttpStatusCode.Created, answer.Status);
        var recommendation = answer.Body["recommendation"]!;
        Assert.Equal(services.Time.GetUtcNow().ToUnixTimeMilliseconds(), recommendation["context"]!["action_performed_at"]!.GetValue<long>());
        Assert.Equal("US", recommendation["context"]!["ip_country"]!.GetValue<string>());
    }

    [Fact]
    public async Task Trigger_RepeatedFromOneIp_CountsVelocityAcrossRequests()
    {
        var tenant = TestTenant.Create();
        await services.TriggerAsync(tenant, Login(user: "u1", device: "d1", ip: "198.51.100.7"));
        services.Time.Advance(TimeSpan.FromSeconds(1));
        await services.TriggerAsync(tenant, Login(user: "u2", device: "d2", ip: "198.51.100.7"));
        services.Time.Advance(TimeSpan.FromSeconds(1));

        var answer = await services.TriggerAsync(tenant, Login(user: "u3", device: "d1", ip: "198.51.100.7"));

        var history = answer.Body["recommendation"]!["risk_signals"]!["history"]!;
        Assert.Equal(2, history["ip_action_rate_60_sec"]!.GetValue<int>());
        Assert.Equal(2, history["ip_user_count_last_hour"]!.GetValue<int>());
        Assert.Equal(2, history["ip_device_count_last_hour"]!.GetValue<int>());
        Assert.Equal(2, history["linking_device_to_users_count"]!.GetValue<int>());
        Assert.Equal(1, history["linking_user_to_device_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task TriggerAction_WithAClientTimestamp_IsStillRecordedAtTheServersTime()
    {
        var tenant = TestTenant.Create();
        var action = Login(user: "dave");
        action["occurred_at"] = services.Time.GetUtcNow().AddDays(-300).ToUnixTimeMilliseconds();
        action["timestamp"] = services.Time.GetUtcNow().AddDays(-300).ToUnixTimeMilliseconds();

        var answer = await services.TriggerAsync(tenant, action);

        Assert.Equal((int)HttpStatusCode.Created, answer.Status);
        Assert.Equal(services.Time.GetUtcNow().ToUnixTimeMilliseconds(), answer.Body["recommendation"]!["issued_at"]!.GetValue<long>());
        var stored = await services.Actions.GetAsync(tenant.Id, answer.Body["action_token"]!.GetValue<string>());
        Assert.Equal(services.Time.GetUtcNow(), stored!.OccurredAt);
    }
}
