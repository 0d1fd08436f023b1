namespace RiskFunctions.Testing.Host;

/// <summary>A Service Bus message as a queue holds it (what a sender set plus what the broker stamped).</summary>
public sealed record SimulatedMessage
{
    public required ReadOnlyMemory<byte> Body { get; init; }

    public required string MessageId { get; init; }

    public string? CorrelationId { get; init; }

    public string? ContentType { get; init; } = "application/json";

    public string? Subject { get; init; }

    public IReadOnlyDictionary<string, object?> ApplicationProperties { get; init; } = new Dictionary<string, object?>();

    /// <summary>Stamped by the broker when the message is enqueued.</summary>
    public long SequenceNumber { get; init; }

    /// <summary>Stamped by the broker when the message is enqueued (UTC).</summary>
    public DateTime EnqueuedTimeUtc { get; init; }

    public TimeSpan TimeToLive { get; init; } = TimeSpan.FromDays(14);
}
