using RiskFunctions.Handler.Hosting;
using RiskFunctions.Handler.Hosting.Invocations;

namespace RiskFunctions.Handler.Features.Labels.Propagation;

/// <summary>The timer-triggered <see cref="FunctionCatalog.LabelOutboxRelay"/> function.</summary>
public sealed class LabelOutboxRelayFunction(LabelOutboxRelay relay) : IInvocationHandler
{
    public async Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var sent = await relay.RelayAsync(cancellationToken).ConfigureAwait(false);
        return InvocationResult.Success($"relayed {sent} label(s)");
    }
}
