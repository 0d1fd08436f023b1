using System.Collections.Concurrent;

namespace SampleWorkerApp;

/// <summary>What the non-HTTP functions saw, readable over HTTP so tests can assert on deliveries.</summary>
public sealed class TriggerLog
{
    private readonly ConcurrentQueue<TriggerRecord> _records = new();
    private int _running;
    private int _mostRunning;

    public void Add(TriggerRecord record) => _records.Enqueue(record);

    /// <summary>Counts a queue invocation as running until the returned scope ends.</summary>
    public IDisposable Running()
    {
        var now = Interlocked.Increment(ref _running);
        int seen;
        while (now > (seen = Volatile.Read(ref _mostRunning)) && Interlocked.CompareExchange(ref _mostRunning, now, seen) != seen)
        {
        }

        return new RunningScope(this);
    }

    /// <summary>The most queue invocations that ran at once.</summary>
    public int MostRunning => Volatile.Read(ref _mostRunning);

    public IReadOnlyList<TriggerRecord> Snapshot() => [.. _records];

    internal void Release() => Interlocked.Decrement(ref _running);
}

internal sealed class RunningScope(TriggerLog log) : IDisposable
{
    public void Dispose() => log.Release();
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
