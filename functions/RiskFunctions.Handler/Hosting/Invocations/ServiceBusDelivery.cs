using System.Text.Json;

namespace RiskFunctions.Handler.Hosting.Invocations;

/// <summary>
/// A Service Bus message as the host's <c>serviceBusTrigger</c> (<c>dataType: binary</c>) delivers it:
/// the exact body bytes and the broker properties from the metadata.
/// </summary>
public sealed record ServiceBusDelivery(
    ReadOnlyMemory<byte> Body,
    string MessageId,
    int DeliveryCount,
    string? CorrelationId,
    string? ContentType,
    string? Subject,
    DateTimeOffset? EnqueuedTime,
    long? SequenceNumber,
    IReadOnlyDictionary<string, JsonElement> ApplicationProperties)
{
    /// <summary>Reads the delivery of a Service Bus-triggered invocation.</summary>
    /// <exception cref="InvocationFormatException">The envelope lacks the body, the message id or the delivery count.</exception>
    public static ServiceBusDelivery From(Invocation invocation)
    {
        if (invocation.Function.Trigger is not ServiceBusQueueTrigger trigger)
        {
            throw new InvalidOperationException($"{invocation.Function.Name} is not triggered by Service Bus.");
        }

        var body = invocation.GetBinary(trigger.BindingName);
        var messageId = invocation.GetMetadataString("MessageId")
            ?? throw new InvocationFormatException("Metadata.MessageId: is required");
        var deliveryCount = invocation.GetMetadataInt64("DeliveryCount")
            ?? throw new InvocationFormatException("Metadata.DeliveryCount: is required");
        var properties = invocation.TryGetMetadataObject("ApplicationProperties", out var found)
            ? found
            : new Dictionary<string, JsonElement>();

        return new ServiceBusDelivery(
            body,
            messageId,
            checked((int)deliveryCount),
            invocation.GetMetadataString("CorrelationId"),
            invocation.GetMetadataString("ContentType"),
            invocation.GetMetadataString("Subject") ?? invocation.GetMetadataString("Label"),
            invocation.GetMetadataTimestamp("EnqueuedTimeUtc"),
            invocation.GetMetadataInt64("SequenceNumber"),
            properties);
    }
}
