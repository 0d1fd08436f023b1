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
/// when its own token is cancelled. A read that has not answered within <see cref="HedgeAfter"/> may be stalled (a
/// lost connection, a paused peer): a caller that joined it then sends a read of its own, which later callers join,
/// so one slow answer holds up the others by that much at most, not by the client's whole timeout.
/// </remarks>
internal sealed class InFlightReads<TValue>(TimeSpan hedgeAfter)
{
    /// <summary>
    /// How long a caller waits for a read it joined before it sends its own: far beyond a point read's usual tens of
    /// milliseconds, a quarter of the client's default time budget (<see cref="StorageOptions.CallTimeout"/>).
    /// </summary>
    public static readonly TimeSpan HedgeAfter = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Task<TValue>> _reads = new(StringComparer.Ordinal);

    public InFlightReads()
        : this(HedgeAfter)
    {
    }

    /// <summary>The answer of the read of <paramref name="key"/> in flight, else of <paramref name="read"/>, started now.</summary>
    public Task<TValue> ReadAsync(string key, Func<Task<TValue>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (_reads.TryGetValue(key, out var inFlight))
        {
            return JoinAsync(key, inFlight, read, cancellationToken);
        }

        var started = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
        var shared = _reads.GetOrAdd(key, started.Task);
        if (shared != started.Task)
        {
            return JoinAsync(key, shared, read, cancellationToken);
        }

        _ = RunAsync(key, read, started);
        return shared.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// A write of <paramref name="key"/> finished (applied or not: a write whose answer was lost may have been): later
    /// callers read again. Call before the writer's caller learns the write is done.
    /// </summary>
    public void Written(string key) => _reads.TryRemove(key, out _);

    private async Task<TValue> JoinAsync(string key, Task<TValue> inFlight, Func<Task<TValue>> read, CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (await Task.WhenAny(inFlight, Task.Delay(hedgeAfter, patience.Token)).ConfigureAwait(false) == inFlight)
        {
            await patience.CancelAsync().ConfigureAwait(false);
            return await inFlight.ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();

        // Stalled, as far as this caller can tell: it no longer takes newcomers, and this caller reads again.
        _reads.TryRemove(new KeyValuePair<string, Task<TValue>>(key, inFlight));
        return await ReadAsync(key, read, cancellationToken).ConfigureAwait(false);
    }

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
