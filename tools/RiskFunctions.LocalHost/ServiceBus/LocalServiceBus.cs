using System.Collections.Concurrent;

namespace RiskFunctions.LocalHost.ServiceBus;

/// <summary>
/// The local host's Service Bus namespace: queues by name (case-insensitive, as entity names are), created on
/// first use with the host's delivery settings. Messages live in memory only: stopping the host loses what was not
/// yet completed.
/// </summary>
public sealed class LocalServiceBus(int maxDeliveryCount, TimeSpan duplicateDetectionWindow, TimeSpan lockDuration, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, LocalQueue> _queues = new(StringComparer.OrdinalIgnoreCase);

    public int MaxDeliveryCount { get; } = maxDeliveryCount;

    public LocalQueue Queue(string name) =>
        _queues.GetOrAdd(name, n => new LocalQueue(n, MaxDeliveryCount, duplicateDetectionWindow, lockDuration, time));

    public SendOutcome Send(string queueName, QueueMessage message) => Queue(queueName).Send(message);

    public IReadOnlyCollection<string> QueueNames => [.. _queues.Keys];

    /// <summary>Waits until a queue has no active or in-flight message (all completed or dead-lettered).</summary>
    public async Task WaitForIdleAsync(string queueName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var queue = Queue(queueName);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        while (queue.Counts() is { Active: > 0 } or { InFlight: > 0 })
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Queue '{queueName}' still has work after {timeout}: {queue.Counts()}.");
            }
        }
    }
}
