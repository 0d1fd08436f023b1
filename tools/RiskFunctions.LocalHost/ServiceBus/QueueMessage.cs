namespace RiskFunctions.LocalHost.ServiceBus;

/// <summary>A message as a sender hands it to a queue.</summary>
public sealed record QueueMessage(byte[] Body, string MessageId)
{
    public string? CorrelationId { get; init; }

    public string? ContentType { get; init; }

    public string? Subject { get; init; }

    public string? ReplyTo { get; init; }

    public string? To { get; init; }

    /// <summary>Application properties: strings, numbers and booleans, as Service Bus carries them.</summary>
    public IReadOnlyDictionary<string, object> ApplicationProperties { get; init; } = new Dictionary<string, object>();
}

/// <summary>A message handed to a consumer: the message, its broker state, and the lock that settles it.</summary>
public sealed record QueueDelivery(QueueMessage Message, long SequenceNumber, DateTimeOffset EnqueuedTime, int DeliveryCount, Guid LockToken, DateTimeOffset LockedUntil);

/// <summary>A message the queue gave up on.</summary>
public sealed record DeadLetteredMessage(
    string MessageId, long SequenceNumber, int DeliveryCount, string Reason, string? ErrorDescription, string Body, string? CorrelationId);

/// <summary>How many messages a queue holds in each state, and how many it completed or dropped as duplicates.</summary>
public sealed record QueueCounts(int Active, int InFlight, int DeadLettered, long Completed, long DuplicatesDropped);

/// <summary>Whether a send was accepted, or dropped by duplicate detection (the sender sees success either way).</summary>
public enum SendOutcome
{
    Accepted,
    DuplicateDropped,
}
