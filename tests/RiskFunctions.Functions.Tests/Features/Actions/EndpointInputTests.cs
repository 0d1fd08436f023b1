using System.Net;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Testing.Security;
using static RiskFunctions.Functions.Tests.Features.Actions.ActionCalls;

namespace RiskFunctions.Functions.Tests.Features.Actions;

/// <summary>
/// Input the host's front door stops before the worker sees it (a 10 KB query string is 414; a non-ASCII header value
/// cannot be forwarded), answered by the endpoints themselves in case another front door lets it through.
/// </summary>
public sealed class EndpointInputTests(ClockedActionServices services) : IClassFixture<ClockedActionServices>
{
    [Fact]
    public async Task Get_TenKilobyteToken_Is400()
    {
        var answer = await services.RecommendationAsync(TestTenant.Create(), "?action_token=" + new string('a', 10_000));

        Assert.Equal((int)HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains(Strings(answer.Body["message"]), m => m.StartsWith("action_token:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Trigger_NonAsciiIdempotencyKey_Is400AndStoresNothing()
    {
        var tenant = TestTenant.Create();

        var answer = await services.TriggerAsync(tenant, Login(), idempotencyKey: "ünïcode");

        Assert.Equal((int)HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("Idempotency-Key:", answer.Body["message"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, await AppTables.CountRowsAsync(services.Tables, ActionTables.ActionsTableName, tenant));
    }
}
