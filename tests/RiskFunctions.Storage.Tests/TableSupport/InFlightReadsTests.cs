using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Storage.Tests.TableSupport;

public sealed class InFlightReadsTests
{
    private readonly InFlightReads<int> _reads = new();

    [Fact]
    public async Task ReadAsync_WhileTheKeysReadIsInFlight_SharesIt()
    {
        var storage = new HeldReads();

        var first = _reads.ReadAsync("a", storage.Read, CancellationToken.None);
        var second = _reads.ReadAsync("a", storage.Read, CancellationToken.None);
        storage.Answer(0, 7);

        var answers = await Task.WhenAll(first, second);
        Assert.Equal(new[] { 7, 7 }, answers);
        Assert.Equal(1, storage.Sent);
    }

    [Fact]
    public async Task ReadAsync_OfAnotherKey_ReadsOnItsOwn()
    {
        var storage = new HeldReads();

        var a = _reads.ReadAsync("a", storage.Read, CancellationToken.None);
        var b = _reads.ReadAsync("b", storage.Read, CancellationToken.None);
        storage.Answer(0, 1);
        storage.Answer(1, 2);

        var answers = await Task.WhenAll(a, b);
        Assert.Equal(new[] { 1, 2 }, answers);
    }

    [Fact]
    public async Task ReadAsync_AfterAWriteOfTheKeyFinished_ReadsAgainWhileTheOlderReadIsInFlight()
    {
        var storage = new HeldReads();
        var before = _reads.ReadAsync("a", storage.Read, CancellationToken.None);

        _reads.Written("a");
        var after = _reads.ReadAsync("a", storage.Read, CancellationToken.None);
        var alsoAfter = _reads.ReadAsync("a", storage.Read, CancellationToken.None);
        storage.Answer(0, 1);
        storage.Answer(1, 2);

        Assert.Equal(1, await before);
        var answers = await Task.WhenAll(after, alsoAfter);
        Assert.Equal(new[] { 2, 2 }, answers);
        Assert.Equal(2, storage.Sent);
    }

    [Fact]
    public async Task ReadAsync_AfterTheReadAnswered_ReadsAgain()
    {
        var storage = new HeldReads();
        var first = _reads.ReadAsync("a", storage.Read, CancellationToken.None);
        storage.Answer(0, 1);
        await first;

        var next = _reads.ReadAsync("a", storage.Read, CancellationToken.None);
        storage.Answer(1, 2);

        Assert.Equal(2, await next);
    }

    [Fact]
    public async Task ReadAsync_CallerThatStartedTheReadGivesUp_TheOthersStillGetTheAnswer()
    {
        var storage = new HeldReads();
        using var gaveUp = new CancellationTokenSource();
        var starter = _reads.ReadAsync("a", storage.Read, gaveUp.Token);
        var other = _reads.ReadAsync("a", storage.Read, CancellationToken.None);

        await gaveUp.CancelAsync();
        storage.Answer(0, 5);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => starter);
        Assert.Equal(5, await other);
    }

    [Fact]
    public async Task ReadAsync_ReadFails_EveryCallerSeesTheFailureAndTheNextCallReadsAgain()
    {
        var storage = new HeldReads();
        var first = _reads.ReadAsync("a", storage.Read, CancellationToken.None);
        var second = _reads.ReadAsync("a", storage.Read, CancellationToken.None);

        storage.Fail(0, new TimeoutException("storage did not answer"));

        await Assert.ThrowsAsync<TimeoutException>(() => first);
        await Assert.ThrowsAsync<TimeoutException>(() => second);
        var next = _reads.ReadAsync("a", storage.Read, CancellationToken.None);
        storage.Answer(1, 3);
        Assert.Equal(3, await next);
    }

    [Fact]
    public async Task ReadAsync_ReadThrowsBeforeItsFirstAwait_FailsTheCallerAndKeepsNothing()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _reads.ReadAsync("a", () => throw new InvalidOperationException("bad key"), CancellationToken.None));

        Assert.Equal(4, await _reads.ReadAsync("a", () => Task.FromResult(4), CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_JoinedReadStalls_TheCallerReadsOnItsOwnAndLaterCallersJoinThat()
    {
        var reads = new InFlightReads<int>(TimeSpan.FromMilliseconds(50));
        var storage = new HeldReads();
        var stalled = reads.ReadAsync("a", storage.Read, CancellationToken.None);

        var hedged = reads.ReadAsync("a", storage.Read, CancellationToken.None);
        while (storage.Sent < 2)
        {
            await Task.Delay(10);
        }

        var later = reads.ReadAsync("a", storage.Read, CancellationToken.None);
        storage.Answer(1, 2);

        Assert.Equal(2, await hedged);
        Assert.Equal(2, await later);
        Assert.False(stalled.IsCompleted);
        storage.Answer(0, 1);
        Assert.Equal(1, await stalled);
        Assert.Equal(2, storage.Sent);
    }

    [Fact]
    public async Task ReadAsync_JoinedReadAnswersBeforeTheHedge_SendsNothingMore()
    {
        var reads = new InFlightReads<int>(TimeSpan.FromMinutes(5));
        var storage = new HeldReads();
        var first = reads.ReadAsync("a", storage.Read, CancellationToken.None);
        var joined = reads.ReadAsync("a", storage.Read, CancellationToken.None);

        storage.Answer(0, 9);

        Assert.Equal(9, await joined);
        Assert.Equal(9, await first);
        Assert.Equal(1, storage.Sent);
    }

    [Fact]
    public async Task ReadAsync_JoinerGivesUpBeforeTheHedge_IsCancelledAndSendsNothing()
    {
        var reads = new InFlightReads<int>(TimeSpan.FromMinutes(5));
        var storage = new HeldReads();
        var first = reads.ReadAsync("a", storage.Read, CancellationToken.None);
        using var gaveUp = new CancellationTokenSource();
        var joined = reads.ReadAsync("a", storage.Read, gaveUp.Token);

        await gaveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => joined);
        storage.Answer(0, 3);
        Assert.Equal(3, await first);
        Assert.Equal(1, storage.Sent);
    }

    /// <summary>Reads that answer when the test says, in the order they were sent.</summary>
    private sealed class HeldReads
    {
        private readonly List<TaskCompletionSource<int>> _sent = [];

        public int Sent
        {
            get
            {
                lock (_sent)
                {
                    return _sent.Count;
                }
            }
        }

        public Task<int> Read()
        {
            var answer = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_sent)
            {
                _sent.Add(answer);
            }

            return answer.Task;
        }

        public void Answer(int read, int value) => At(read).SetResult(value);

        public void Fail(int read, Exception failure) => At(read).SetException(failure);

        private TaskCompletionSource<int> At(int read)
        {
            lock (_sent)
            {
                return _sent[read];
            }
        }
    }
}
