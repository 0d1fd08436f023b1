using RiskFunctions.Handler.Hosting;
using RiskFunctions.Handler.Hosting.Invocations;

namespace RiskFunctions.Handler.Features.Labels.Propagation;

/// <summary>
/// The Service Bus-triggered <see cref="FunctionCatalog.LabelPropagation"/> function: 2xx completes the message,
/// non-2xx abandons it for redelivery (and, after the queue's max delivery count, the dead-letter queue).
/// </summary>
public sealed class LabelPropagationFunction(LabelPropagationRunner runner) : IInvocationHandler
{
    public async Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var delivery = ServiceBusDelivery.From(invocation);
        return await runner.RunAsync(delivery.Body, delivery.MessageId, delivery.DeliveryCount, cancellationToken).ConfigureAwait(false)
            ? InvocationResult.Success()
            : InvocationResult.Failure("label propagation failed; the message will be delivered again", StatusCodes.Status503ServiceUnavailable);
    }
}
