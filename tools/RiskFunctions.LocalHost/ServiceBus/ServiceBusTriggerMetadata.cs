using System.Text.Json;
using Google.Protobuf;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace RiskFunctions.LocalHost.ServiceBus;

/// <summary>
/// The invocation of a single-message Service Bus trigger as the host sends it: the body as bytes (the worker
/// converts for <c>string</c> or POCO parameters), and the binding data the Service Bus extension builds, strings as
/// <c>String</c> and everything else JSON-encoded. Absent (null) values are left out, as the host does.
/// </summary>
internal static class ServiceBusTriggerMetadata
{
    public static InvocationRequest CreateInvocation(string functionId, string triggerName, QueueDelivery delivery)
    {
        var message = delivery.Message;
        var request = new InvocationRequest { InvocationId = Guid.NewGuid().ToString(), FunctionId = functionId };
        request.InputData.Add(new ParameterBinding
        {
            Name = triggerName,
            Data = new TypedData { Bytes = ByteString.CopyFrom(message.Body) },
        });

        var metadata = request.TriggerMetadata;
        AddString(metadata, "MessageId", message.MessageId);
        AddString(metadata, "CorrelationId", message.CorrelationId);
        AddString(metadata, "ContentType", message.ContentType);
        AddString(metadata, "Subject", message.Subject);
        AddString(metadata, "ReplyTo", message.ReplyTo);
        AddString(metadata, "To", message.To);
        AddString(metadata, "LockToken", delivery.LockToken.ToString());
        AddJson(metadata, "DeliveryCount", JsonSerializer.Serialize(delivery.DeliveryCount, MetadataJsonContext.Default.Int32));
        AddJson(metadata, "SequenceNumber", JsonSerializer.Serialize(delivery.SequenceNumber, MetadataJsonContext.Default.Int64));
        AddJson(metadata, "EnqueuedTimeUtc", JsonSerializer.Serialize(delivery.EnqueuedTime.UtcDateTime, MetadataJsonContext.Default.DateTime));
        AddJson(metadata, "EnqueuedTime", JsonSerializer.Serialize(delivery.EnqueuedTime, MetadataJsonContext.Default.DateTimeOffset));
        AddJson(metadata, "ExpiresAtUtc", JsonSerializer.Serialize(DateTime.MaxValue, MetadataJsonContext.Default.DateTime));
        AddJson(metadata, "ExpiresAt", JsonSerializer.Serialize(DateTimeOffset.MaxValue, MetadataJsonContext.Default.DateTimeOffset));
        var properties = JsonSerializer.Serialize(
            message.ApplicationProperties.ToDictionary(p => p.Key, p => p.Value),
            MetadataJsonContext.Default.DictionaryStringObject);
        AddJson(metadata, "ApplicationProperties", properties);
        AddJson(metadata, "UserProperties", properties);
        return request;
    }

    private static void AddString(IDictionary<string, TypedData> metadata, string name, string? value)
    {
        if (value is not null)
        {
            metadata[name] = new TypedData { String = value };
        }
    }

    private static void AddJson(IDictionary<string, TypedData> metadata, string name, string json) =>
        metadata[name] = new TypedData { Json = json };
}
