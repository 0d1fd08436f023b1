using System.Text.Json;

namespace RiskFunctions.LocalHost.ServiceBus;

/// <summary>One line of the queue journal: a message accepted, retried, completed or dead-lettered.</summary>
internal sealed record JournalRecord
{
    public const string SentOp = "sent";
    public const string AbandonedOp = "abandoned";
    public const string CompletedOp = "completed";
    public const string DeadLetteredOp = "dead-lettered";

    /// <summary>A completed message's id, kept by compaction while duplicate detection still needs it.</summary>
    public const string SeenOp = "seen";

    /// <summary>Written by compaction: the last sequence number used and how many messages were completed.</summary>
    public const string TotalsOp = "totals";

    public required string Op { get; init; }

    public required string Queue { get; init; }

    public long Sequence { get; init; }

    public DateTimeOffset At { get; init; }

    public string? MessageId { get; init; }

    public byte[]? Body { get; init; }

    public string? CorrelationId { get; init; }

    public string? ContentType { get; init; }

    public string? Subject { get; init; }

    public string? ReplyTo { get; init; }

    public string? To { get; init; }

    public Dictionary<string, JsonElement>? Properties { get; init; }

    public int DeliveryCount { get; init; }

    public long CompletedCount { get; init; }

    public string? Reason { get; init; }

    public string? Error { get; init; }

    public string? DeadBody { get; init; }
}
