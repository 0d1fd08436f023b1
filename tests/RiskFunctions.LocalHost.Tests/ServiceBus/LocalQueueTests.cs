using System.Text;
using RiskFunctions.LocalHost.ServiceBus;
using RiskFunctions.LocalHost.Tests.Fixtures;

namespace RiskFunctions.LocalHost.Tests.ServiceBus;

public sealed class LocalQueueTests
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Abandon_BelowMaxDeliveryCount_RedeliveredBeforeNewerMessagesWithHigherCount()
    {
        var queue = Queue(maxDeliveryCount: 5);
        queue.Send(Message("a"));
        queue.Send(Message("b"));

        var first = await Receive(queue);
        queue.Abandon(first);
        var again = await Receive(queue);

        Assert.Equal("a", again.Message.MessageId);
        Assert.Equal(2, again.DeliveryCount);
    }

    [Fact]
    public async Task Abandon_AtMaxDeliveryCount_DeadLettersWithReason()
    {
        var queue = Queue(maxDeliveryCount: 2);
        queue.Send(Message("a"));

        queue.Abandon(await Receive(queue), "boom");
        queue.Abandon(await Receive(queue), "boom again");

        var dead = Assert.Single(queue.DeadLettered());
        Assert.Equal(("a", 2, "MaxDeliveryCountExceeded", "boom again"), (dead.MessageId, dead.DeliveryCount, dead.Reason, dead.ErrorDescription));
        Assert.Equal(new QueueCounts(0, 0, 1, 0, 0), queue.Counts());
    }

    [Fact]
    public async Task Release_ShutdownReturn_DoesNotCountAsAnAttempt()
    {
        var queue = Queue(maxDeliveryCount: 1);
        queue.Send(Message("a"));

        queue.Release(await Receive(queue));
        var again = await Receive(queue);

        Assert.Equal(1, again.DeliveryCount);
        Assert.Empty(queue.DeadLettered());
    }

    [Fact]
    public async Task Complete_AfterTheLockWasLost_ReturnsFalse()
    {
        var queue = Queue(maxDeliveryCount: 5);
        queue.Send(Message("a"));
        var delivery = await Receive(queue);
        queue.Abandon(delivery);

        Assert.False(queue.Complete(delivery));
        Assert.Equal(1, queue.Counts().Active);
    }

    [Fact]
    public void Send_SameMessageIdWithinWindow_Dropped()
    {
        var queue = Queue(maxDeliveryCount: 5);

        var first = queue.Send(Message("a"));
        _time.Advance(TimeSpan.FromMinutes(9));
        var second = queue.Send(Message("a"));

        Assert.Equal((SendOutcome.Accepted, SendOutcome.DuplicateDropped), (first, second));
        Assert.Equal(new QueueCounts(1, 0, 0, 0, 1), queue.Counts());
    }

    [Fact]
    public void Send_SameMessageIdAfterWindow_Accepted()
    {
        var queue = Queue(maxDeliveryCount: 5);

        queue.Send(Message("a"));
        _time.Advance(TimeSpan.FromMinutes(10));
        var second = queue.Send(Message("a"));

        Assert.Equal(SendOutcome.Accepted, second);
        Assert.Equal(2, queue.Counts().Active);
    }

    [Fact]
    public async Task ReceiveAsync_EmptyQueue_WaitsUntilASend()
    {
        var queue = Queue(maxDeliveryCount: 5);

        var receiving = queue.ReceiveAsync(CancellationToken.None);
        var waitedWhileEmpty = !receiving.IsCompleted;
        queue.Send(Message("late"));

        Assert.True(waitedWhileEmpty);
        Assert.Equal("late", (await receiving.WaitAsync(TimeSpan.FromSeconds(10))).Message.MessageId);
    }

    private LocalQueue Queue(int maxDeliveryCount) =>
        new("q", maxDeliveryCount, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5), _time);

    private static QueueMessage Message(string id) => new(Encoding.UTF8.GetBytes("body-" + id), id);

    private static Task<QueueDelivery> Receive(LocalQueue queue) => queue.ReceiveAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
}
