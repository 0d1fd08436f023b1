using Azure.Data.Tables;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Tests.Actions;

/// <summary>How concurrent writes of one subject are queued and written in batches (the writing itself is a seam here).</summary>
public sealed class SubjectWriteLanesTests
{
    private readonly SubjectWriteLanes _lanes = new();

    /// <summary>Batches as they were written: the rows of each and the state it started from.</summary>
    private readonly List<(string[] Rows, SubjectState? StartFrom)> _batches = [];

    private static PendingSubjectWrite Write(string rowKey) =>
        new(new TableEntity("p", rowKey), state => state, known: null);

    /// <summary>A batch writer that waits for <paramref name="release"/>, then answers with a state of its own (or fails).</summary>
    private Func<IReadOnlyList<PendingSubjectWrite>, SubjectState?, Task<SubjectState?>> Writer(Task release, Exception? failure = null) =>
        async (batch, startFrom) =>
        {
            lock (_batches)
            {
                _batches.Add(([.. batch.Select(write => write.Index.RowKey)], startFrom));
            }

            await release;
            return failure is null ? SubjectState.Empty with { FirstSeenTicks = _batches.Count } : throw failure;
        };

    [Fact]
    public async Task WriteAsync_WritesArrivingWhileABatchIsInFlight_GoInTheNextBatchTogether()
    {
        var release = new TaskCompletionSource();
        var writer = Writer(release.Task);

        var first = _lanes.WriteAsync("p", Write("a0"), writer);
        var others = Enumerable.Range(1, 5).Select(i => _lanes.WriteAsync("p", Write("a" + i), writer)).ToList();
        release.SetResult();
        await Task.WhenAll([first, .. others]);

        Assert.Equal(2, _batches.Count);
        Assert.Equal(["a0"], _batches[0].Rows);
        Assert.Null(_batches[0].StartFrom);
        Assert.Equal(["a1", "a2", "a3", "a4", "a5"], _batches[1].Rows);
        Assert.Equal(1, _batches[1].StartFrom?.FirstSeenTicks); // what the first batch wrote, not read again
    }

    [Fact]
    public async Task WriteAsync_ManyQueuedWrites_AreCutIntoBatchesThatFitATransaction()
    {
        var release = new TaskCompletionSource();
        var writer = Writer(release.Task);

        var writes = Enumerable.Range(0, 1 + SubjectWriteLanes.MaxBatch + 5).Select(i => _lanes.WriteAsync("p", Write("a" + i), writer)).ToList();
        release.SetResult();
        await Task.WhenAll(writes);

        Assert.Equal([1, SubjectWriteLanes.MaxBatch, 5], _batches.Select(batch => batch.Rows.Length));
    }

    [Fact]
    public async Task WriteAsync_FailedBatch_FailsEachOfItsWritesAndTheQueuedOnesAreStillWritten()
    {
        var release = new TaskCompletionSource();
        var failing = Writer(release.Task, new InvalidOperationException("storage said no"));
        var working = Writer(Task.CompletedTask);

        var failed = _lanes.WriteAsync("p", Write("a0"), failing);
        var queued = _lanes.WriteAsync("p", Write("a1"), working);
        release.SetResult();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => failed);
        Assert.Equal("storage said no", failure.Message);
        await queued;
        Assert.Equal(["a1"], _batches[1].Rows);
        Assert.Null(_batches[1].StartFrom); // after a failure the lane knows no state
    }

    [Fact]
    public async Task WriteAsync_FailedBatchOfQueuedWrites_FailsEveryOneOfThem()
    {
        var release = new TaskCompletionSource();
        var first = _lanes.WriteAsync("p", Write("a0"), Writer(release.Task));
        var failing = Writer(Task.CompletedTask, new InvalidOperationException("conflict after every retry"));
        var queued = Enumerable.Range(1, 3).Select(i => _lanes.WriteAsync("p", Write("a" + i), failing)).ToList();
        release.SetResult();

        await first;
        foreach (var write in queued)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => write);
        }

        Assert.Equal(2, _batches.Count);
    }

    [Fact]
    public async Task WriteAsync_StorageUnavailable_FailsTheQueuedWritesAtOnceWithoutWritingThem()
    {
        var release = new TaskCompletionSource();
        var unavailable = Writer(release.Task, new StorageUnavailableException("storage did not answer within the call timeout"));

        var first = _lanes.WriteAsync("p", Write("a0"), unavailable);
        var queued = Enumerable.Range(1, 3).Select(i => _lanes.WriteAsync("p", Write("a" + i), unavailable)).ToList();
        release.SetResult();

        foreach (var write in queued.Prepend(first))
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => write);
        }

        Assert.Single(_batches);
        await _lanes.WriteAsync("p", Write("a4"), Writer(Task.CompletedTask)); // the lane starts afresh
        Assert.Equal(["a4"], _batches[1].Rows);
    }

    [Fact]
    public async Task WriteAsync_OtherSubjects_AreNotHeldBehindABatchInFlight()
    {
        var held = new TaskCompletionSource();
        var busy = _lanes.WriteAsync("p", Write("a0"), Writer(held.Task));

        await _lanes.WriteAsync("q", new PendingSubjectWrite(new TableEntity("q", "b0"), state => state, known: null), Writer(Task.CompletedTask));

        Assert.False(busy.IsCompleted);
        held.SetResult();
        await busy;
    }

    [Fact]
    public async Task WriteAsync_AfterTheLaneEmptied_StartsAgainFromNothingKnown()
    {
        await _lanes.WriteAsync("p", Write("a0"), Writer(Task.CompletedTask));
        await _lanes.WriteAsync("p", Write("a1"), Writer(Task.CompletedTask));

        // A lane keeps what it wrote only while writes queue: later ones start from their own reads (another instance may have written).
        Assert.All(_batches, batch => Assert.Null(batch.StartFrom));
    }
}
