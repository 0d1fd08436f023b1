using System.Globalization;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;

namespace RiskFunctions.Functions.Features.Labels.Propagation;

/// <summary>
/// Propagates one label per Service Bus message. Returning completes the message; throwing abandons it, so it is
/// delivered again and, after the queue's max delivery count, dead-lettered. On the last delivery the runner marks
/// the label failed before it fails, so a dead-lettered label never stays pending.
/// </summary>
public sealed class LabelPropagationFunction(LabelPropagationRunner runner)
{
    [Function(nameof(LabelPropagation))]
    public async Task LabelPropagation(
        [ServiceBusTrigger("%" + LabelTriggerSettings.Queue + "%", Connection = LabelTriggerSettings.ServiceBusConnection, IsBatched = false)] byte[] body,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.BindingContext.BindingData;
        var messageId = data.TryGetValue("MessageId", out var id) ? id?.ToString() ?? "" : "";
        var deliveryCount = data.TryGetValue("DeliveryCount", out var count) ? DeliveryCount(count) : 1;
        if (!await runner.RunAsync(body, messageId, deliveryCount, cancellationToken))
        {
            throw new LabelPropagationFailedException(messageId, deliveryCount);
        }
    }

    /// <summary>Non-string trigger metadata arrives JSON-encoded (<c>"3"</c> or <c>3</c>).</summary>
    private static int DeliveryCount(object? value) => value switch
    {
        int count => count,
        long count => (int)count,
        JsonElement { ValueKind: JsonValueKind.Number } element => element.GetInt32(),
        _ => int.Parse(value?.ToString()?.Trim('"') ?? "1", NumberStyles.Integer, CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Abandons the message: the propagation did not finish and the message must be delivered again. It is the expected
/// way to fail an invocation, not a fault: the runner has logged the cause, so it carries no stack trace into the
/// worker's invocation log (during a storage outage every delivery fails alike).
/// </summary>
public sealed class LabelPropagationFailedException(string messageId, int deliveryCount)
    : Exception($"label propagation of message {messageId} failed on delivery {deliveryCount}; it will be delivered again")
{
    public override string? StackTrace => null;

    public override string ToString() => $"{GetType().FullName}: {Message}";
}
