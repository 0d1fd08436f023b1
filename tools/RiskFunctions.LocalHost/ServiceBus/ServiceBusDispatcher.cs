using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.Logging;
using RiskFunctions.LocalHost.Functions;
using RiskFunctions.LocalHost.Worker;

namespace RiskFunctions.LocalHost.ServiceBus;

/// <summary>
/// Feeds a Service Bus trigger function from its queue with up to <c>maxConcurrentCalls</c> deliveries at once,
/// settling each as the extension does with auto-complete: Success completes, anything else abandons (and so
/// redelivers or dead-letters). A delivery that outlives its lock is abandoned and the invocation cancelled.
/// </summary>
internal sealed class ServiceBusDispatcher(
    LoadedFunction function, LocalQueue queue, WorkerChannel channel, int maxConcurrentCalls, ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pumps = [];

    public LoadedFunction Function => function;

    public void Start()
    {
        for (var i = 0; i < maxConcurrentCalls; i++)
        {
            _pumps.Add(Task.Run(() => PumpAsync(_stop.Token)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_pumps).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task PumpAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            QueueDelivery delivery;
            try
            {
                delivery = await queue.ReceiveAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await DeliverAsync(delivery, stop);
        }
    }

    private async Task DeliverAsync(QueueDelivery delivery, CancellationToken stop)
    {
        using var lockLost = CancellationTokenSource.CreateLinkedTokenSource(stop);
        lockLost.CancelAfter(queue.LockDuration);
        try
        {
            var request = ServiceBusTriggerMetadata.CreateInvocation(function.FunctionId, function.Trigger.Name, delivery);
            var response = await channel.InvokeAsync(request, function.Name, lockLost.Token);
            if (response.Result?.Status == StatusResult.Types.Status.Success)
            {
                queue.Complete(delivery);
                return;
            }

            var error = response.Result?.Exception?.Message ?? response.Result?.Result;
            logger.LogWarning(
                "Function {FunctionName} failed message {MessageId} on delivery {DeliveryCount} of {MaxDeliveryCount}: {Error}",
                function.Name, delivery.Message.MessageId, delivery.DeliveryCount, queue.MaxDeliveryCount, error);
            queue.Abandon(delivery, error);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            queue.Release(delivery);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Function {FunctionName} held message {MessageId} past its lock ({LockDuration}); it is delivered again",
                function.Name, delivery.Message.MessageId, queue.LockDuration);
            queue.Abandon(delivery, "The lock expired before the function finished.");
        }
        catch (WorkerUnavailableException)
        {
            queue.Release(delivery);
            await _stop.CancelAsync();
        }
    }
}
