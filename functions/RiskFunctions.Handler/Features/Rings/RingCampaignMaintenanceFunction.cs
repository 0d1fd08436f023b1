using RiskFunctions.Handler.Hosting;
using RiskFunctions.Handler.Hosting.Invocations;

namespace RiskFunctions.Handler.Features.Rings;

/// <summary>The timer-triggered <see cref="FunctionCatalog.RingCampaignMaintenance"/> function.</summary>
internal sealed class RingCampaignMaintenanceFunction(RingCampaignMaintenance maintenance) : IInvocationHandler
{
    public async Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var outcome = await maintenance.RunAsync(cancellationToken).ConfigureAwait(false);
        return InvocationResult.Success($"{outcome.FeedRows} feed row(s), {outcome.RingsTouched} ring(s), {outcome.CampaignsTouched} campaign(s)");
    }
}
