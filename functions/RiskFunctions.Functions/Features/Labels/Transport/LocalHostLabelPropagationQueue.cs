using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace RiskFunctions.Functions.Features.Labels.Transport;

/// <summary>
/// Sends propagation messages to the local Functions host's queue (<c>POST {host}/admin/local/queues/{queue}/messages</c>,
/// the Service Bus REST shape), so that a local run delivers them through the real <c>LabelPropagation</c> trigger.
/// The message id is the label id, as with Service Bus: the queue's duplicate detection drops the relay's re-sends.
/// </summary>
public sealed class LocalHostLabelPropagationQueue(HttpClient client, string queue) : ILabelPropagationQueue
{
    public async Task SendAsync(LabelPropagationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = JsonSerializer.SerializeToUtf8Bytes(message, LabelMessageJsonContext.Default.LabelPropagationMessage);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"admin/local/queues/{Uri.EscapeDataString(queue)}/messages", UriKind.Relative))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ServiceBusLabelPropagationQueue.JsonContentType);
        request.Headers.TryAddWithoutValidation("BrokerProperties", BrokerProperties(message.LabelId));
        request.Headers.TryAddWithoutValidation(ServiceBusLabelPropagationQueue.TenantProperty, JsonSerializer.Serialize(message.TenantId, LabelMessageJsonContext.Default.String));
        request.Headers.TryAddWithoutValidation(ServiceBusLabelPropagationQueue.LabelProperty, JsonSerializer.Serialize(message.LabelId, LabelMessageJsonContext.Default.String));
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                string.Create(CultureInfo.InvariantCulture, $"the local host refused the propagation message for label {message.LabelId}: {(int)response.StatusCode}"),
                inner: null,
                response.StatusCode);
        }
    }

    private static string BrokerProperties(string labelId) =>
        "{\"MessageId\":" + JsonSerializer.Serialize(labelId, LabelMessageJsonContext.Default.String)
        + ",\"CorrelationId\":" + JsonSerializer.Serialize(labelId, LabelMessageJsonContext.Default.String) + "}";
}
