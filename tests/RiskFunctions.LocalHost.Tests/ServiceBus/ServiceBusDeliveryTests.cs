using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RiskFunctions.LocalHost.ServiceBus;
using RiskFunctions.LocalHost.Tests.Fixtures;

namespace RiskFunctions.LocalHost.Tests.ServiceBus;

/// <summary>The sample's Service Bus trigger fed from the local queue (host.json maxDeliveryCount: 3).</summary>
[Collection(SampleHostCollection.Name)]
public sealed class ServiceBusDeliveryTests(SampleHostFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task Send_FunctionSucceeds_DeliveredOnceWithTriggerMetadataAndCompleted()
    {
        var messageId = NewId();
        var outcome = fixture.Host.ServiceBus.Send(SampleApp.Queue, new QueueMessage(Encoding.UTF8.GetBytes("ok"), messageId)
        {
            CorrelationId = "corr-1",
            ApplicationProperties = new Dictionary<string, object> { ["tenant"] = "t-1", ["attempt"] = 2L },
        });

        var records = await TriggerRecords.WaitForAsync(_client, r => r.Any(x => x.MessageId == messageId), Patience);
        await fixture.Host.ServiceBus.WaitForIdleAsync(SampleApp.Queue, Patience);

        Assert.Equal(SendOutcome.Accepted, outcome);
        var record = Assert.Single(records, r => r.MessageId == messageId);
        Assert.Equal(1, record.DeliveryCount);
        Assert.Equal("ok", record.Body);
        Assert.Equal("corr-1", record.CorrelationId);
        using var properties = JsonDocument.Parse(record.ApplicationProperties!);
        Assert.Equal("t-1", properties.RootElement.GetProperty("tenant").GetString());
        Assert.Equal(2, properties.RootElement.GetProperty("attempt").GetInt32());
        Assert.True(DateTime.TryParse(JsonSerializer.Deserialize<string>(record.EnqueuedTimeUtc!), out _), record.EnqueuedTimeUtc);
    }

    [Fact]
    public async Task Send_FunctionFailsTwice_RedeliveredWithIncreasingDeliveryCountThenCompleted()
    {
        var messageId = NewId();
        var before = fixture.Host.ServiceBus.Queue(SampleApp.Queue).Counts();
        fixture.Host.ServiceBus.Send(SampleApp.Queue, new QueueMessage(Encoding.UTF8.GetBytes("fail-until-3"), messageId));

        var records = await TriggerRecords.WaitForAsync(_client, r => r.Any(x => x.MessageId == messageId && x.Succeeded), Patience);
        await fixture.Host.ServiceBus.WaitForIdleAsync(SampleApp.Queue, Patience);

        var deliveries = records.Where(r => r.MessageId == messageId).ToList();
        Assert.Equal([1, 2, 3], deliveries.Select(d => d.DeliveryCount));
        Assert.Equal([false, false, true], deliveries.Select(d => d.Succeeded));
        var after = fixture.Host.ServiceBus.Queue(SampleApp.Queue).Counts();
        Assert.Equal(before.Completed + 1, after.Completed);
        Assert.DoesNotContain(fixture.Host.ServiceBus.Queue(SampleApp.Queue).DeadLettered(), d => d.MessageId == messageId);
    }

    [Fact]
    public async Task Send_FunctionAlwaysFails_DeadLetteredAfterMaxDeliveryCount()
    {
        var messageId = NewId();
        fixture.Host.ServiceBus.Send(SampleApp.Queue, new QueueMessage(Encoding.UTF8.GetBytes("fail"), messageId));

        await TriggerRecords.WaitForAsync(_client, r => r.Count(x => x.MessageId == messageId) >= 3, Patience);
        await fixture.Host.ServiceBus.WaitForIdleAsync(SampleApp.Queue, Patience);

        using var response = await _client.GetAsync($"admin/local/queues/{SampleApp.Queue}/deadletters");
        var deadLettered = await response.Content.ReadFromJsonAsync<List<DeadLetteredMessage>>(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var dead = Assert.Single(deadLettered!, d => d.MessageId == messageId);
        Assert.Equal(3, dead.DeliveryCount);
        Assert.Equal("MaxDeliveryCountExceeded", dead.Reason);
        Assert.Equal("fail", dead.Body);
        Assert.Equal(3, (await TriggerRecords.ReadAsync(_client)).Count(r => r.MessageId == messageId));
    }

    [Fact]
    public async Task PostMessages_RestShapeWithProperties_DeliveredWithThem()
    {
        var messageId = NewId();
        using var response = await SendRestAsync(messageId, "rest body", ("tenant", "\"t-rest\""), ("priority", "5"));

        var records = await TriggerRecords.WaitForAsync(_client, r => r.Any(x => x.MessageId == messageId), Patience);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var record = Assert.Single(records, r => r.MessageId == messageId);
        Assert.Equal("rest body", record.Body);
        Assert.Equal("corr-rest", record.CorrelationId);
        using var properties = JsonDocument.Parse(record.ApplicationProperties!);
        Assert.Equal("t-rest", properties.RootElement.GetProperty("tenant").GetString());
        Assert.Equal(5, properties.RootElement.GetProperty("priority").GetInt32());
    }

    [Fact]
    public async Task PostMessages_SameMessageIdTwice_SecondDroppedByDuplicateDetection()
    {
        var messageId = NewId();

        using var first = await SendRestAsync(messageId, "first");
        using var second = await SendRestAsync(messageId, "second");
        await TriggerRecords.WaitForAsync(_client, r => r.Any(x => x.MessageId == messageId), Patience);
        await fixture.Host.ServiceBus.WaitForIdleAsync(SampleApp.Queue, Patience);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Contains("\"duplicateDropped\":true", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var record = Assert.Single(await TriggerRecords.ReadAsync(_client), r => r.MessageId == messageId);
        Assert.Equal("first", record.Body);
    }

    [Fact]
    public async Task GetQueue_AfterWork_CountsSettledMessages()
    {
        var messageId = NewId();
        fixture.Host.ServiceBus.Send(SampleApp.Queue, new QueueMessage(Encoding.UTF8.GetBytes("ok"), messageId));
        await TriggerRecords.WaitForAsync(_client, r => r.Any(x => x.MessageId == messageId), Patience);
        await fixture.Host.ServiceBus.WaitForIdleAsync(SampleApp.Queue, Patience);

        var counts = await _client.GetFromJsonAsync<QueueCounts>($"admin/local/queues/{SampleApp.Queue}", new JsonSerializerOptions(JsonSerializerDefaults.Web));

        Assert.Equal(0, counts!.Active);
        Assert.Equal(0, counts.InFlight);
        Assert.True(counts.Completed >= 1, counts.ToString());
    }

    [Fact]
    public async Task Send_ManySlowMessages_RunConcurrentlyUpToMaxConcurrentCalls()
    {
        var ids = Enumerable.Range(0, 12).Select(_ => NewId()).ToList();
        foreach (var id in ids)
        {
            fixture.Host.ServiceBus.Send(SampleApp.Queue, new QueueMessage(Encoding.UTF8.GetBytes("slow-300"), id));
        }

        await TriggerRecords.WaitForAsync(_client, r => ids.All(id => r.Any(x => x.MessageId == id)), Patience);
        using var concurrency = JsonDocument.Parse(await _client.GetStringAsync("invocations/concurrency"));

        // host.json of the sample: maxConcurrentCalls 4.
        var mostRunning = concurrency.RootElement.GetProperty("mostRunning").GetInt32();
        Assert.InRange(mostRunning, 2, 4);
    }

    private async Task<HttpResponseMessage> SendRestAsync(string messageId, string body, params (string Name, string Value)[] properties)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"admin/local/queues/{SampleApp.Queue}/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "text/plain"),
        };
        request.Headers.TryAddWithoutValidation("BrokerProperties", $"{{\"MessageId\":\"{messageId}\",\"CorrelationId\":\"corr-rest\"}}");
        foreach (var (name, value) in properties)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await _client.SendAsync(request);
    }

    private static string NewId() => Guid.NewGuid().ToString("N");
}
