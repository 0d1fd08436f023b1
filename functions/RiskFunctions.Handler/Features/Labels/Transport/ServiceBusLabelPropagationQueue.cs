using System.Text.Json;
using RiskFunctions.Storage.ServiceBus;

namespace RiskFunctions.Handler.Features.Labels.Transport;

/// <summary>
/// Sends propagation messages to the Service Bus queue. The message id is the label id, so the queue's
/// duplicate detection drops the outbox relay's re-sends of a message that did arrive.
/// </summary>
public sealed class ServiceBusLabelPropagationQueue(ServiceBusQueueSender sender) : ILabelPropagationQueue
{
    public const string TenantProperty = "tenant_id";
    public const string LabelProperty = "label_id";

    public Task SendAsync(LabelPropagationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = JsonSerializer.SerializeToUtf8Bytes(message, LabelMessageJsonContext.Default.LabelPropagationMessage);
        return sender.SendAsync(
            new ServiceBusMessage(body, message.LabelId)
            {
                CorrelationId = message.LabelId,
                ApplicationProperties = new Dictionary<string, string>
                {
                    [TenantProperty] = message.TenantId,
                    [LabelProperty] = message.LabelId,
                },
            },
            cancellationToken);
    }
}
