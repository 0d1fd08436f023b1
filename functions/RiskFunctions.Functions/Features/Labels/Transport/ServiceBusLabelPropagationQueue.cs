using System.Text.Json;
using Azure.Messaging.ServiceBus;

namespace RiskFunctions.Functions.Features.Labels.Transport;

/// <summary>
/// Sends propagation messages to the Service Bus queue. The message id is the label id, so the queue's
/// duplicate detection drops the outbox relay's re-sends of a message that did arrive. A failed send throws
/// (after the client's retries); the label stays pending and the outbox relay sends it again.
/// </summary>
public sealed class ServiceBusLabelPropagationQueue(ServiceBusSender sender) : ILabelPropagationQueue
{
    public const string TenantProperty = "tenant_id";
    public const string LabelProperty = "label_id";
    public const string JsonContentType = "application/json";

    public Task SendAsync(LabelPropagationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return sender.SendMessageAsync(CreateMessage(message), cancellationToken);
    }

    /// <summary>The message as the <c>LabelPropagation</c> trigger (<c>dataType: binary</c>) receives it.</summary>
    public static ServiceBusMessage CreateMessage(LabelPropagationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = JsonSerializer.SerializeToUtf8Bytes(message, LabelMessageJsonContext.Default.LabelPropagationMessage);
        return new ServiceBusMessage(body)
        {
            MessageId = message.LabelId,
            CorrelationId = message.LabelId,
            ContentType = JsonContentType,
            ApplicationProperties =
            {
                [TenantProperty] = message.TenantId,
                [LabelProperty] = message.LabelId,
            },
        };
    }
}
