using System.Globalization;
using System.Text;
using Microsoft.Azure.Functions.Worker;

namespace SampleWorkerApp.Messaging;

/// <summary>
/// A Service Bus queue function that records each delivery and fails on demand: a body "fail" always throws,
/// "fail-until-N" throws while the delivery count is below N; "slow-N" takes N milliseconds.
/// </summary>
public sealed class SampleQueueFunction(TriggerLog log)
{
    private const string FailUntilPrefix = "fail-until-";
    private const string SlowPrefix = "slow-";

    [Function(nameof(ProcessSampleMessage))]
    public async Task ProcessSampleMessage(
        [ServiceBusTrigger("%SampleQueue%", Connection = "ServiceBusConnection", IsBatched = false)] byte[] body,
        FunctionContext context)
    {
        using var running = log.Running();
        var data = context.BindingContext.BindingData;
        var text = Encoding.UTF8.GetString(body);
        if (text.StartsWith(SlowPrefix, StringComparison.Ordinal))
        {
            await Task.Delay(int.Parse(text[SlowPrefix.Length..], CultureInfo.InvariantCulture), context.CancellationToken);
        }

        var deliveryCount = int.Parse(Read(data, "DeliveryCount") ?? "0", CultureInfo.InvariantCulture);
        var fails = text == "fail"
            || (text.StartsWith(FailUntilPrefix, StringComparison.Ordinal)
                && deliveryCount < int.Parse(text[FailUntilPrefix.Length..], CultureInfo.InvariantCulture));

        log.Add(new TriggerRecord(
            nameof(ProcessSampleMessage),
            Read(data, "MessageId"),
            deliveryCount,
            text,
            Read(data, "CorrelationId"),
            Read(data, "ApplicationProperties"),
            Read(data, "EnqueuedTimeUtc"),
            !fails));

        if (fails)
        {
            throw new InvalidOperationException("The sample message asks to fail.");
        }
    }

    private static string? Read(IReadOnlyDictionary<string, object?> data, string key) =>
        data.TryGetValue(key, out var value) ? value?.ToString() : null;
}
