using System.Text;
using RiskFunctions.LocalHost.ServiceBus;
using RiskFunctions.LocalHost.Tests.Fixtures;

namespace RiskFunctions.LocalHost.Tests.ServiceBus;

/// <summary>With a journal file, a restarted local Service Bus resumes with everything it accepted and did not settle.</summary>
public sealed class QueueJournalTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"localhost-journal-{Guid.NewGuid():N}", "queues.jsonl");
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Restart_UnsettledMessages_AreDeliveredAgainWithTheirPropertiesAndCounts()
    {
        using (var before = Bus())
        {
            before.Send("q", Message("retried"));
            before.Send("q", Message("in-flight"));
            before.Send("q", Message("done"));
            before.Send("q", Message("waiting", ("tenant", "t-1"), ("n", 5L)));
            var queue = before.Queue("q");
            queue.Abandon(await Receive(queue), "failed once");
            queue.Abandon(await Receive(queue), "failed twice");
            Assert.Equal(("retried", 3), await Describe(queue)); // third delivery, still running at the stop
            Assert.Equal(("in-flight", 1), await Describe(queue));
            queue.Complete(await Receive(queue));
        }

        using var after = Bus();
        var restored = after.Queue("q");
        var deliveries = new[] { await Receive(restored), await Receive(restored), await Receive(restored) };

        Assert.Equal(["retried", "in-flight", "waiting"], deliveries.Select(d => d.Message.MessageId));
        Assert.Equal([3, 1, 1], deliveries.Select(d => d.DeliveryCount));
        Assert.Equal(new Dictionary<string, object> { ["tenant"] = "t-1", ["n"] = 5L }, deliveries[2].Message.ApplicationProperties);
        Assert.Equal("body-waiting", Encoding.UTF8.GetString(deliveries[2].Message.Body));
        Assert.Equal(1, restored.Counts().Completed);
    }

    [Fact]
    public async Task Restart_DeadLettersAndDuplicateWindow_Restored()
    {
        using (var before = Bus(maxDeliveryCount: 1))
        {
            before.Send("q", Message("poison"));
            before.Send("q", Message("completed"));
            var queue = before.Queue("q");
            queue.Abandon(await Receive(queue), "boom");
            queue.Complete(await Receive(queue));
        }

        _time.Advance(TimeSpan.FromMinutes(1));
        using var after = Bus(maxDeliveryCount: 1);

        var dead = Assert.Single(after.Queue("q").DeadLettered());
        Assert.Equal(("poison", "boom"), (dead.MessageId, dead.ErrorDescription));
        Assert.Equal(SendOutcome.DuplicateDropped, after.Send("q", Message("completed")));
        Assert.Equal(SendOutcome.Accepted, after.Send("q", Message("new")));
    }

    [Fact]
    public async Task Restart_Twice_SequenceNumbersKeepRising()
    {
        long first;
        using (var bus = Bus())
        {
            bus.Send("q", Message("a"));
            var queue = bus.Queue("q");
            var delivery = await Receive(queue);
            first = delivery.SequenceNumber;
            queue.Complete(delivery);
        }

        using (Bus())
        {
            // Compacted: nothing left but totals.
        }

        using var again = Bus();
        again.Send("q", Message("b"));

        Assert.True((await Receive(again.Queue("q"))).SequenceNumber > first);
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);

    private LocalServiceBus Bus(int maxDeliveryCount = 5) =>
        new(maxDeliveryCount, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5), _time, _path);

    private static QueueMessage Message(string id, params (string Name, object Value)[] properties) =>
        new(Encoding.UTF8.GetBytes("body-" + id), id) { ApplicationProperties = properties.ToDictionary(p => p.Name, p => p.Value) };

    private static async Task<(string, int)> Describe(LocalQueue queue)
    {
        var delivery = await Receive(queue);
        return (delivery.Message.MessageId, delivery.DeliveryCount);
    }

    private static Task<QueueDelivery> Receive(LocalQueue queue) => queue.ReceiveAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
}
