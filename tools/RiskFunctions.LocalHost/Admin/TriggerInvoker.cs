using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using RiskFunctions.LocalHost.Functions;
using RiskFunctions.LocalHost.ServiceBus;
using RiskFunctions.LocalHost.Timers;
using RiskFunctions.LocalHost.Worker;

namespace RiskFunctions.LocalHost.Admin;

/// <summary>
/// Runs a non-HTTP function once with an admin-supplied input, as the Functions host's admin endpoint does: a
/// Service Bus function gets the input as the body of a first delivery, a timer function a <c>TimerInfo</c>, any
/// other trigger the input as a string.
/// </summary>
internal static class TriggerInvoker
{
    public static Task<InvocationResponse> InvokeAsync(
        WorkerChannel channel, LoadedFunction function, string? input, TimeProvider time, CancellationToken cancellationToken)
    {
        if (function.IsServiceBus)
        {
            var now = time.GetUtcNow();
            var message = new QueueMessage(AdminEndpoints.InputBytes(input), Guid.NewGuid().ToString("N"));
            var delivery = new QueueDelivery(message, 0, now, 1, Guid.NewGuid(), now + TimeSpan.FromMinutes(5));
            return channel.InvokeAsync(
                ServiceBusTriggerMetadata.CreateInvocation(function.FunctionId, function.Trigger.Name, delivery), function.Name, cancellationToken);
        }

        if (function.IsTimer)
        {
            return TimerScheduler.InvokeAsync(channel, function, status: null, isPastDue: false, cancellationToken);
        }

        var request = new InvocationRequest { InvocationId = Guid.NewGuid().ToString(), FunctionId = function.FunctionId };
        request.InputData.Add(new ParameterBinding { Name = function.Trigger.Name, Data = new TypedData { String = input ?? string.Empty } });
        return channel.InvokeAsync(request, function.Name, cancellationToken);
    }
}
