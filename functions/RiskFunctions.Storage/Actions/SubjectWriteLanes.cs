using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Azure.Data.Tables;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// Combines this instance's concurrent writes of one subject's state. While a transaction of the subject is in
/// flight, the actions that arrive queue up behind it, and the next transaction lists them all: their index rows and
/// the state with every one of them applied, starting from the state the previous transaction wrote (its version
/// came back with the answer, so it is not read again). A busy address or device shared by many users then costs
/// one transaction per round trip instead of one per action, each of which lost the race to all the others and
/// read the state again. The batches of one subject run one after another; each write is still conditional on the
/// state's version, so other instances' writes are never overwritten. Thread-safe.
/// </summary>
internal sealed class SubjectWriteLanes
{
    /// <summary>Index rows in one transaction, besides the state.</summary>
    public const int MaxBatch = TableEntityLimits.MaxTransactionActions - 1;

    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);

    /// <summary>
    /// Writes <paramref name="write"/> with whatever else is queued for its partition: returns once a transaction
    /// holding it succeeded, or throws what failed that transaction. <paramref name="writeBatch"/> writes one batch,
    /// starting from the state the lane's previous batch wrote (<c>null</c>: unknown, start from the batch's own
    /// knowledge), and returns the state it wrote with its new version (<c>null</c>: not known).
    /// </summary>
    public async Task WriteAsync(
        string partitionKey,
        PendingSubjectWrite write,
        Func<IReadOnlyList<PendingSubjectWrite>, SubjectState?, Task<SubjectState?>> writeBatch)
    {
        var (lane, leads) = Join(partitionKey, write);

        // A queued write waits without a cancellation token: the lane's next batch may be its to write, and a waiter
        // that left would strand the writes queued behind it. Each storage call is bounded by the client's timeout.
        if (!leads && !await write.Turn.Task.ConfigureAwait(false))
        {
            return;
        }

        // This write heads the queue, so it is in the batch written now.
        if (await WriteNextBatchAsync(partitionKey, lane, writeBatch).ConfigureAwait(false) is { } failure)
        {
            // This write's own turn was failed with the batch, and nothing else awaits it: observed here, so that the
            // failure is thrown once, to this caller, and not again as an unobserved task exception.
            _ = write.Turn.Task.Exception;
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    private (Lane Lane, bool Leads) Join(string partitionKey, PendingSubjectWrite write)
    {
        while (true)
        {
            var lane = _lanes.GetOrAdd(partitionKey, _ => new Lane());
            lock (lane)
            {
                if (lane.Retired)
                {
                    continue; // emptied and removed meanwhile: a new lane takes this write
                }

                lane.Queue.Enqueue(write);
                var leads = !lane.Writing;
                lane.Writing = true;
                return (lane, leads);
            }
        }
    }

    /// <summary>Writes the batch at the head of the lane's queue, hands the lane on, and returns what failed the batch.</summary>
    private async Task<Exception?> WriteNextBatchAsync(
        string partitionKey, Lane lane, Func<IReadOnlyList<PendingSubjectWrite>, SubjectState?, Task<SubjectState?>> writeBatch)
    {
        List<PendingSubjectWrite> batch = [];
        SubjectState? startFrom;
        lock (lane)
        {
            while (batch.Count < MaxBatch && lane.Queue.TryDequeue(out var queued))
            {
                batch.Add(queued);
            }

            startFrom = lane.Written;
        }

        Exception? failure = null;
        SubjectState? written = null;
        try
        {
            written = await writeBatch(batch, startFrom).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        PendingSubjectWrite? next = null;
        lock (lane)
        {
            lane.Written = written;

            // Storage that cannot take a write now will not take the queued ones either: they fail at once, with the
            // same 503, instead of each batch in turn waiting out its own time budget.
            if (failure is StorageUnavailableException)
            {
                batch.AddRange(lane.Queue);
                lane.Queue.Clear();
            }

            if (!lane.Queue.TryPeek(out next))
            {
                lane.Writing = false;
                lane.Retired = true;
                _lanes.TryRemove(new KeyValuePair<string, Lane>(partitionKey, lane));
            }
        }

        foreach (var write in batch)
        {
            if (failure is null)
            {
                write.Turn.TrySetResult(false);
            }
            else
            {
                write.Turn.TrySetException(failure);
            }
        }

        next?.Turn.TrySetResult(true);
        return failure;
    }

    /// <summary>One subject's queue; <see cref="Writing"/> while a batch of it is being written.</summary>
    private sealed class Lane
    {
        public Queue<PendingSubjectWrite> Queue { get; } = new();

        public bool Writing { get; set; }

        /// <summary>Removed from the lanes once empty; a write that still found it joins a new one.</summary>
        public bool Retired { get; set; }

        /// <summary>The state the last batch wrote, with its version, or <c>null</c> when not known.</summary>
        public SubjectState? Written { get; set; }
    }
}

/// <summary>
/// One action's write of a subject: its index row, its change to the state, and the state it was scored with
/// (<c>null</c>: not read). <see cref="Turn"/> completes with <c>false</c> once written, <c>true</c> when the next
/// batch of the subject is this write's caller's to write, or with the batch's failure.
/// </summary>
internal sealed class PendingSubjectWrite(TableEntity index, Func<SubjectState, SubjectState> change, SubjectState? known)
{
    public TableEntity Index { get; } = index;

    public Func<SubjectState, SubjectState> Change { get; } = change;

    public SubjectState? Known { get; } = known;

    public TaskCompletionSource<bool> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
