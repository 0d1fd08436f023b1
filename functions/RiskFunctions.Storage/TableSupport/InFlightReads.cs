using System.Collections.Concurrent;

namespace RiskFunctions.Storage.TableSupport;

/// <summary>
/// Shares one read of a row among the callers that ask for it while that read is in flight: the case of a busy
/// subject (an address behind a NAT, a device farm, one account under credential stuffing), whose concurrent
/// actions on an instance would otherwise each read the same row. A caller never gets an answer older than a write
/// of the row this instance finished before the caller asked: <see cref="Written"/> closes the read in flight to
/// newcomers, so a client's next action, sent after its previous one was answered, reads again and counts it. A read
/// shared by concurrent callers may miss another's write in flight, as separate concurrent reads may. Thread-safe.
/// </summary>
/// <remarks>
/// Nothing is kept once a read is answered: this is not a cache. The shared read runs without the callers' tokens
/// (one caller that gives up must not fail the others), bounded by the client's timeout; each caller stops waiting
/// when its own token is cancelled.
/// </remarks>
internal sealed class InFlightReads<TValue>
{
    private readonly ConcurrentDictionary<string, Task<TValue>> _reads = new(StringComparer.Ordinal);

    /// <summary>The answer of the read of <paramref name="key"/> in flight, else of <paramref name="read"/>, started now.</summary>
    public Task<TValue> ReadAsync(string key, Func<Task<TValue>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (_reads.TryGetValue(key, out var inFlight))
        {
            return inFlight.WaitAsync(cancellationToken);
        }

        var started = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
        var shared = _reads.GetOrAdd(key, started.Task);
        if (shared == started.Task)
        {
            _ = RunAsync(key, read, started);
        }

        return shared.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// A write of <paramref name="key"/> finished (applied or not: a write whose answer was lost may have been): later
    /// callers read again. Call before the writer's caller learns the write is done.
    /// </summary>
    public void Written(string key) => _reads.TryRemove(key, out _);

    private async Task RunAsync(string key, Func<Task<TValue>> read, TaskCompletionSource<TValue> answer)
    {
        TValue value;
        try
        {
            value = await read().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Close(key, answer);
            answer.SetException(ex);
            return;
        }

        Close(key, answer);
        answer.SetResult(value);
    }

    /// <summary>Closes this read to newcomers before it answers, so that nothing outlives it.</summary>
    private void Close(string key, TaskCompletionSource<TValue> answer) =>
        // Only this read's entry: a write may have closed it already, and a newer read taken the key since.
        _reads.TryRemove(new KeyValuePair<string, Task<TValue>>(key, answer.Task));
}
