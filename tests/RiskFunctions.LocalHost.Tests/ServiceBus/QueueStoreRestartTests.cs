using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RiskFunctions.LocalHost.ServiceBus;
using RiskFunctions.LocalHost.Tests.Fixtures;

namespace RiskFunctions.LocalHost.Tests.ServiceBus;

/// <summary>A host started with a queue store keeps the messages it accepted across a restart.</summary>
public sealed class QueueStoreRestartTests : IDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), $"localhost-store-{Guid.NewGuid():N}", "queues.jsonl");

    [Fact]
    public async Task StartAsync_AfterRestartWithQueueStore_AcceptedMessageStillQueued()
    {
        await using (var first = await LocalFunctionsHost.StartAsync(Options()))
        {
            using var client = new HttpClient { BaseAddress = first.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Post, "admin/local/queues/parked/messages")
            {
                Content = new StringContent("kept", Encoding.UTF8, "text/plain"),
            };
            request.Headers.TryAddWithoutValidation("BrokerProperties", """{"MessageId":"parked-1"}""");
            using var sent = await client.SendAsync(request);
            sent.EnsureSuccessStatusCode();
        }

        await using var second = await LocalFunctionsHost.StartAsync(Options());
        using var again = new HttpClient { BaseAddress = second.BaseAddress };
        var counts = await again.GetFromJsonAsync<QueueCounts>("admin/local/queues/parked", new JsonSerializerOptions(JsonSerializerDefaults.Web));

        Assert.Equal(1, counts!.Active);
        var delivery = await second.ServiceBus.Queue("parked").ReceiveAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("parked-1", "kept"), (delivery.Message.MessageId, Encoding.UTF8.GetString(delivery.Message.Body)));
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_store)!, recursive: true);

    private LocalFunctionsHostOptions Options()
    {
        var options = SampleApp.Options();
        return new LocalFunctionsHostOptions
        {
            AppDirectory = options.AppDirectory,
            SettingsFile = options.SettingsFile,
            Port = 0,
            RunTimers = false,
            ConfigureLogging = options.ConfigureLogging,
            QueueStorePath = _store,
        };
    }
}
