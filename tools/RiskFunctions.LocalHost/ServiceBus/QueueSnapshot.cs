namespace RiskFunctions.LocalHost.ServiceBus;

/// <summary>What a queue held when its journal was last written: the state a restarted host resumes from.</summary>
internal sealed class QueueSnapshot
{
    /// <summary>Accepted and not settled, by sequence number; in flight at the time counts as active.</summary>
    public SortedDictionary<long, RestoredMessage> Active { get; } = [];

    public List<DeadLetteredMessage> DeadLettered { get; } = [];

    /// <summary>Message ids accepted (settled or not) with their acceptance time, for duplicate detection.</summary>
    public List<(string MessageId, DateTimeOffset AcceptedAt)> RecentMessageIds { get; } = [];

    public long LastSequence { get; set; }

    public long Completed { get; set; }
}

/// <summary>A message restored from the journal.</summary>
internal sealed record RestoredMessage(QueueMessage Message, long Sequence, DateTimeOffset Enqueued, int DeliveryCount);
