using System.Text;

namespace RiskFunctions.LocalHost.ServiceBus;

/// <summary>
/// One Service Bus queue in memory, with the broker semantics the app relies on: at-least-once delivery under a
/// peek-lock (the delivery count rises on each delivery), abandon for immediate redelivery, dead-letter once a
/// message was delivered <c>MaxDeliveryCount</c> times and abandoned again, duplicate detection by MessageId
/// within a window, and lock expiry (a consumer that outlives its lock loses the message to a redelivery).
/// </summary>
public sealed class LocalQueue
{
    private readonly object _gate = new();
    private readonly LinkedList<Entry> _active = new();
    private readonly Dictionary<Guid, Entry> _inFlight = [];
    private readonly List<DeadLetteredMessage> _deadLettered = [];
    private readonly HashSet<string> _recentMessageIds = new(StringComparer.Ordinal);
    private readonly Queue<(string MessageId, DateTimeOffset AcceptedAt)> _recentByAge = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly TimeProvider _time;
    private readonly QueueJournal? _journal;
    private long _sequence;
    private long _completed;
    private long _duplicates;

    public LocalQueue(string name, int maxDeliveryCount, TimeSpan duplicateDetectionWindow, TimeSpan lockDuration, TimeProvider time)
        : this(name, maxDeliveryCount, duplicateDetectionWindow, lockDuration, time, journal: null, restored: null)
    {
    }

    internal LocalQueue(
        string name, int maxDeliveryCount, TimeSpan duplicateDetectionWindow, TimeSpan lockDuration, TimeProvider time,
        QueueJournal? journal, QueueSnapshot? restored)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDeliveryCount, 1);
        Name = name;
        MaxDeliveryCount = maxDeliveryCount;
        DuplicateDetectionWindow = duplicateDetectionWindow;
        LockDuration = lockDuration;
        _time = time;
        _journal = journal;
        if (restored is not null)
        {
            Restore(restored);
        }
    }

    public string Name { get; }

    public int MaxDeliveryCount { get; }

    public TimeSpan DuplicateDetectionWindow { get; }

    public TimeSpan LockDuration { get; }

    public SendOutcome Send(QueueMessage message)
    {
        ArgumentException.ThrowIfNullOrEmpty(message.MessageId);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            ForgetExpiredMessageIds(now);
            if (!_recentMessageIds.Add(message.MessageId))
            {
                _duplicates++;
                return SendOutcome.DuplicateDropped;
            }

            _recentByAge.Enqueue((message.MessageId, now));
            var entry = new Entry(message, ++_sequence, now);
            // Journaled before the sender is told, so an accepted message survives a restart.
            _journal?.Sent(Name, entry.Sequence, message, now);
            _active.AddLast(entry);
        }

        _available.Release();
        return SendOutcome.Accepted;
    }

    /// <summary>Waits for a message and locks it for <see cref="LockDuration"/>.</summary>
    public async Task<QueueDelivery> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _available.WaitAsync(cancellationToken);
            lock (_gate)
            {
                if (_active.First is not { } first)
                {
                    continue;
                }

                _active.RemoveFirst();
                var entry = first.Value;
                entry.DeliveryCount++;
                entry.LockToken = Guid.NewGuid();
                entry.LockedUntil = _time.GetUtcNow() + LockDuration;
                _inFlight[entry.LockToken] = entry;
                return new QueueDelivery(entry.Message, entry.Sequence, entry.Enqueued, entry.DeliveryCount, entry.LockToken, entry.LockedUntil);
            }
        }
    }

    /// <summary>Removes a delivered message; false when its lock was already lost.</summary>
    public bool Complete(QueueDelivery delivery)
    {
        lock (_gate)
        {
            if (!_inFlight.Remove(delivery.LockToken, out var entry))
            {
                return false;
            }

            _journal?.Completed(Name, entry.Sequence);
            _completed++;
            return true;
        }
    }

    /// <summary>
    /// Gives a delivered message back: it is delivered again at once, or dead-lettered when it has used up its
    /// deliveries. False when its lock was already lost.
    /// </summary>
    public bool Abandon(QueueDelivery delivery, string? error = null) =>
        Return(delivery, error, countsAsAttempt: true);

    /// <summary>Returns a message whose consumer is shutting down; it is not dead-lettered for that.</summary>
    public bool Release(QueueDelivery delivery) =>
        Return(delivery, error: null, countsAsAttempt: false);

    public QueueCounts Counts()
    {
        lock (_gate)
        {
            return new QueueCounts(_active.Count, _inFlight.Count, _deadLettered.Count, _completed, _duplicates);
        }
    }

    public IReadOnlyList<DeadLetteredMessage> DeadLettered()
    {
        lock (_gate)
        {
            return [.. _deadLettered];
        }
    }

    private bool Return(QueueDelivery delivery, string? error, bool countsAsAttempt)
    {
        lock (_gate)
        {
            if (!_inFlight.Remove(delivery.LockToken, out var entry))
            {
                return false;
            }

            if (countsAsAttempt && entry.DeliveryCount >= MaxDeliveryCount)
            {
                var dead = new DeadLetteredMessage(
                    entry.Message.MessageId,
                    entry.Sequence,
                    entry.DeliveryCount,
                    "MaxDeliveryCountExceeded",
                    error ?? $"Message could not be consumed after {MaxDeliveryCount} delivery attempts.",
                    Encoding.UTF8.GetString(entry.Message.Body),
                    entry.Message.CorrelationId);
                _journal?.DeadLettered(Name, dead);
                _deadLettered.Add(dead);
                return true;
            }

            if (countsAsAttempt)
            {
                _journal?.Abandoned(Name, entry.Sequence, entry.DeliveryCount);
            }
            else
            {
                entry.DeliveryCount--;
            }

            // Back in sequence order, ahead of newer messages, as the broker makes it available again.
            var before = _active.First;
            while (before is not null && before.Value.Sequence < entry.Sequence)
            {
                before = before.Next;
            }

            if (before is null)
            {
                _active.AddLast(entry);
            }
            else
            {
                _active.AddBefore(before, entry);
            }
        }

        _available.Release();
        return true;
    }

    private void Restore(QueueSnapshot restored)
    {
        _sequence = restored.LastSequence;
        _completed = restored.Completed;
        _deadLettered.AddRange(restored.DeadLettered);
        foreach (var (messageId, acceptedAt) in restored.RecentMessageIds.OrderBy(r => r.AcceptedAt))
        {
            if (_recentMessageIds.Add(messageId))
            {
                _recentByAge.Enqueue((messageId, acceptedAt));
            }
        }

        foreach (var message in restored.Active.Values)
        {
            _active.AddLast(new Entry(message.Message, message.Sequence, message.Enqueued) { DeliveryCount = message.DeliveryCount });
            _available.Release();
        }
    }

    private void ForgetExpiredMessageIds(DateTimeOffset now)
    {
        while (_recentByAge.TryPeek(out var oldest) && now - oldest.AcceptedAt >= DuplicateDetectionWindow)
        {
            _recentByAge.Dequeue();
            _recentMessageIds.Remove(oldest.MessageId);
        }
    }

    private sealed class Entry(QueueMessage message, long sequence, DateTimeOffset enqueued)
    {
        public QueueMessage Message { get; } = message;

        public long Sequence { get; } = sequence;

        public DateTimeOffset Enqueued { get; } = enqueued;

        public int DeliveryCount { get; set; }

        public Guid LockToken { get; set; }

        public DateTimeOffset LockedUntil { get; set; }
    }
}
