using System.Net.Http.Json;
using System.Text.Json;

namespace RiskFunctions.LocalHost.Tests.Fixtures;

/// <summary>Reads what the sample app's queue and timer functions recorded (its <c>GET /invocations</c>).</summary>
internal static class TriggerRecords
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IReadOnlyList<TriggerRecord>> ReadAsync(HttpClient client) =>
        await client.GetFromJsonAsync<List<TriggerRecord>>("invocations", Json) ?? [];

    /// <summary>Polls until <paramref name="done"/> holds for the records, or fails after <paramref name="timeout"/>.</summary>
    public static async Task<IReadOnlyList<TriggerRecord>> WaitForAsync(
        HttpClient client, Func<IReadOnlyList<TriggerRecord>, bool> done, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (true)
        {
            var records = await ReadAsync(client);
            if (done(records))
            {
                return records;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The expected invocations did not happen within {timeout}; saw {records.Count}.");
            }
        }
    }
}

public sealed record TriggerRecord(
    string Function,
    string? MessageId,
    int DeliveryCount,
    string? Body,
    string? CorrelationId,
    string? ApplicationProperties,
    string? EnqueuedTimeUtc,
    bool Succeeded);
