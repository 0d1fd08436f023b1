using System.Collections.Concurrent;

namespace SampleWorkerApp;

/// <summary>What the non-HTTP functions saw, readable over HTTP so tests can assert on deliveries.</summary>
public sealed class TriggerLog
{
    private readonly ConcurrentQueue<TriggerRecord> _records = new();

    public void Add(TriggerRecord record) => _records.Enqueue(record);

    public IReadOnlyList<TriggerRecord> Snapshot() => [.. _records];
}

/// <summary>One invocation of a queue or timer function.</summary>
public sealed record TriggerRecord(
    string Function,
    string? MessageId,
    int DeliveryCount,
    string? Body,
    string? CorrelationId,
    string? ApplicationProperties,
    string? EnqueuedTimeUtc,
    bool Succeeded);
