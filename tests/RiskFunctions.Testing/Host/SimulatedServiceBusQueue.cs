using System.Collections.Concurrent;

namespace RiskFunctions.Testing.Host;

/// <summary>One delivery attempt of a message and what the handler made of it.</summary>
public sealed record QueueDelivery(string MessageId, int DeliveryCount, InvocationOutcome Outcome);

/// <summary>A message moved to the dead-letter sub-queue.</summary>
public sealed record DeadLetteredMessage(SimulatedMessage Message, string Reason, string Description);

/// <summary>
/// A Service Bus queue in front of a <c>serviceBusTrigger</c> function, with the semantics the
/// handler has to live with: at-least-once delivery, a failed invocation abandons the message and it
/// comes back with <c>DeliveryCount + 1</c>, and after <see cref="MaxDeliveryCount"/> failed
/// deliveries it is dead-lettered (<c>MaxDeliveryCountExceeded</c>). Duplicate detection drops a
/// resend with a MessageId the queue has seen, as the real queue does when it is enabled.
/// </summary>
public sealed class SimulatedServiceBusQueue
{
    private readonly FunctionsHost _host;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentQueue<(SimulatedMessage Message, int PreviousDeliveries)> _active = new();
    private readonly ConcurrentQueue<QueueDelivery> _deliveries = new();
    private readonly ConcurrentQueue<SimulatedMessage> _completed = new();
    private readonly ConcurrentQueue<DeadLetteredMessage> _deadLettered = new();
    private readonly ConcurrentDictionary<string, int> _deliveryCounts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seenMessageIds = new(StringComparer.Ordinal);
    private long _sequenceNumber;

    public SimulatedServiceBusQueue(FunctionsHost host, string functionName, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        _host = host;
        _timeProvider = timeProvider ?? TimeProvider.System;
        FunctionName = host.App.GetFunction(functionName).Name;
    }

    public string FunctionName { get; }

    /// <summary>Deliveries before a message is dead-lettered (Service Bus default and our queue's setting: 10).</summary>
    public int MaxDeliveryCount { get; init; } = 10;

    /// <summary>Drop messages whose MessageId was already sent (our queue enables duplicate detection).</summary>
    public bool DuplicateDetection { get; init; } = true;

    public int ActiveMessageCount => _active.Count;

    /// <summary>Every delivery so far, in the order they finished.</summary>
    public IReadOnlyList<QueueDelivery> Deliveries => [.. _deliveries];

    public IReadOnlyList<SimulatedMessage> Completed => [.. _completed];

    public IReadOnlyList<DeadLetteredMessage> DeadLettered => [.. _deadLettered];

    /// <summary>Enqueues a message; false when duplicate detection dropped it.</summary>
    public bool Send(
        ReadOnlyMemory<byte> body,
        string? messageId = null,
        string? correlationId = null,
        string? subject = null,
        IReadOnlyDictionary<string, object?>? applicationProperties = null,
        string? contentType = "application/json")
    {
        lock (_seenMessageIds)
        {
            var id = messageId ?? Guid.NewGuid().ToString("N");
            if (!_seenMessageIds.Add(id) && DuplicateDetection)
            {
                return false;
            }

            _active.Enqueue((new SimulatedMessage
            {
                Body = body.ToArray(),
                MessageId = id,
                CorrelationId = correlationId,
                Subject = subject,
                ContentType = contentType,
                ApplicationProperties = applicationProperties ?? new Dictionary<string, object?>(),
                SequenceNumber = Interlocked.Increment(ref _sequenceNumber),
                EnqueuedTimeUtc = _timeProvider.GetUtcNow().UtcDateTime,
            }, 0));
            return true;
        }
    }

    /// <summary>
    /// Delivers a message that was already completed once more, as happens when a lock expires or a
    /// connection drops after the handler finished: handlers must be idempotent.
    /// </summary>
    public void Redeliver(string messageId)
    {
        var message = _completed.LastOrDefault(m => m.MessageId == messageId)
            ?? throw new ArgumentException($"No completed message {messageId}.", nameof(messageId));
        _active.Enqueue((message, _deliveryCounts.GetValueOrDefault(messageId)));
    }

    /// <summary>
    /// Delivers messages until the queue is empty (completed or dead-lettered), with up to
    /// <paramref name="maxConcurrentCalls"/> invocations at once, as the trigger's <c>maxConcurrentCalls</c>.
    /// Returns the number of deliveries made.
    /// </summary>
    public async Task<int> DrainAsync(int maxConcurrentCalls = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentCalls, 1);
        var delivered = 0;
        var workers = Enumerable.Range(0, maxConcurrentCalls).Select(async _ =>
        {
            while (_active.TryDequeue(out var item))
            {
                await DeliverAsync(item.Message, item.PreviousDeliveries + 1, cancellationToken);
                Interlocked.Increment(ref delivered);
            }
        });
        await Task.WhenAll(workers);

        // Abandoned messages re-enqueued by the last workers to finish are picked up by another round.
        return _active.IsEmpty ? delivered : delivered + await DrainAsync(maxConcurrentCalls, cancellationToken);
    }

    private async Task DeliverAsync(SimulatedMessage message, int deliveryCount, CancellationToken cancellationToken)
    {
        _deliveryCounts[message.MessageId] = deliveryCount;
        var outcome = await _host.InvokeServiceBusAsync(FunctionName, message, deliveryCount, cancellationToken);
        _deliveries.Enqueue(new QueueDelivery(message.MessageId, deliveryCount, outcome));
        if (outcome.Succeeded)
        {
            _completed.Enqueue(message);
        }
        else if (deliveryCount >= MaxDeliveryCount)
        {
            _deadLettered.Enqueue(new DeadLetteredMessage(message, "MaxDeliveryCountExceeded",
                $"Message could not be consumed after {deliveryCount} delivery attempts; last: {outcome.FailureReason}"));
        }
        else
        {
            _active.Enqueue((message, deliveryCount));
        }
    }
}
