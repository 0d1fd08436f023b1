using System.Collections.Concurrent;

namespace RiskFunctions.LocalHost.ServiceBus;

/// <summary>
/// The local host's Service Bus namespace: queues by name (case-insensitive, as entity names are), created on
/// first use with the host's delivery settings. In memory, unless a journal file is given: then what the queues
/// accepted survives a restart (see <see cref="QueueJournal"/>).
/// </summary>
public sealed class LocalServiceBus : IDisposable
{
    private readonly ConcurrentDictionary<string, LocalQueue> _queues = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeSpan _duplicateDetectionWindow;
    private readonly TimeSpan _lockDuration;
    private readonly TimeProvider _time;
    private readonly QueueJournal? _journal;
    private readonly Dictionary<string, QueueSnapshot> _restored = new(StringComparer.OrdinalIgnoreCase);

    public LocalServiceBus(int maxDeliveryCount, TimeSpan duplicateDetectionWindow, TimeSpan lockDuration, TimeProvider time, string? journalPath = null)
    {
        MaxDeliveryCount = maxDeliveryCount;
        _duplicateDetectionWindow = duplicateDetectionWindow;
        _lockDuration = lockDuration;
        _time = time;
        if (journalPath is not null)
        {
            _journal = QueueJournal.Open(journalPath, time.GetUtcNow(), duplicateDetectionWindow, out _restored);
            foreach (var name in _restored.Keys)
            {
                Queue(name);
            }
        }
    }

    public int MaxDeliveryCount { get; }

    public LocalQueue Queue(string name) =>
        _queues.GetOrAdd(name, n => new LocalQueue(
            n, MaxDeliveryCount, _duplicateDetectionWindow, _lockDuration, _time, _journal, _restored.GetValueOrDefault(n)));

    public void Dispose() => _journal?.Dispose();

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
