using System.Net;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Testing.Security;
using static RiskFunctions.Functions.Tests.Features.Actions.ActionCalls;

namespace RiskFunctions.Functions.Tests.Features.Actions;

/// <summary>An <c>Idempotency-Key</c> retry that arrives seconds after the first request, on the manual clock of <see cref="ClockedActionServices"/>.</summary>
public sealed class ClockedIdempotencyTests(ClockedActionServices services) : IClassFixture<ClockedActionServices>
{
    [Fact]
    public async Task Trigger_RetriedWithTheSameKeyFiveSecondsLater_ReturnsTheFirstAnswerAndStoresOneAction()
    {
        var tenant = TestTenant.Create();
        var action = Login();

        var first = await services.TriggerAsync(tenant, action, idempotencyKey: "key-1");
        services.Time.Advance(TimeSpan.FromSeconds(5));
        var retry = await services.TriggerAsync(tenant, action, idempotencyKey: "key-1");

        Assert.Equal((int)HttpStatusCode.Created, first.Status);
        Assert.Equal((int)HttpStatusCode.Created, retry.Status);
        Assert.Equal(first.Body.ToJsonString(), retry.Body.ToJsonString());
        Assert.Equal("true", retry.Headers["Idempotent-Replayed"].ToString());
        Assert.Equal(1, await AppTables.CountRowsAsync(services.Tables, ActionTables.ActionsTableName, tenant));
    }
}
