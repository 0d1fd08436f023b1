using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RiskFunctions.LocalHost.ServiceBus;

namespace RiskFunctions.LocalHost.Admin;

/// <summary>
/// Reads a send in the shape of the Service Bus REST API (<c>POST {queue}/messages</c>): the body is the message
/// body, broker properties (MessageId, CorrelationId, Label, ReplyTo, To) are a JSON <c>BrokerProperties</c> header,
/// and every other header whose value is JSON (a quoted string, a number, true/false) is an application property.
/// A sender built for Service Bus REST can therefore point at the local host unchanged.
/// </summary>
internal static class ServiceBusRestMessage
{
    private static readonly HashSet<string> NotProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "BrokerProperties", "Content-Type", "Content-Length", "Host", "Connection", "Accept", "User-Agent",
        "Expect", "Accept-Encoding", "traceparent", "tracestate", "x-ms-client-request-id", "x-ms-return-client-request-id",
    };

    public static async Task<QueueMessage> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);

        string? messageId = null, correlationId = null, subject = null, replyTo = null, to = null;
        if (request.Headers.TryGetValue("BrokerProperties", out var broker) && broker.ToString() is { Length: > 0 } brokerJson)
        {
            using var document = JsonDocument.Parse(brokerJson);
            var root = document.RootElement;
            messageId = Text(root, "MessageId");
            correlationId = Text(root, "CorrelationId");
            subject = Text(root, "Label") ?? Text(root, "Subject");
            replyTo = Text(root, "ReplyTo");
            to = Text(root, "To");
        }

        var properties = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Headers)
        {
            if (!NotProperties.Contains(name) && PropertyValue(values.ToString()) is { } value)
            {
                properties[name] = value;
            }
        }

        return new QueueMessage(body.ToArray(), messageId ?? Guid.NewGuid().ToString("N"))
        {
            CorrelationId = correlationId,
            ContentType = request.ContentType,
            Subject = subject,
            ReplyTo = replyTo,
            To = to,
            ApplicationProperties = properties,
        };
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static object? PropertyValue(string raw)
    {
        if (raw.Length == 0 || !(raw[0] is '"' or '-' or 't' or 'f' || char.IsAsciiDigit(raw[0])))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(raw);
            var value = document.RootElement;
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number when value.TryGetInt64(out var integer) => integer,
                JsonValueKind.Number => value.GetDouble(),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
