using System.Text.Json.Serialization;

namespace RiskFunctions.Storage.ServiceBus;

/// <summary>The <c>BrokerProperties</c> header: the broker-owned properties set by the sender.</summary>
internal sealed record BrokerPropertiesHeader
{
    public required string MessageId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CorrelationId { get; init; }
}

[JsonSerializable(typeof(BrokerPropertiesHeader))]
[JsonSerializable(typeof(string))]
internal sealed partial class ServiceBusJsonContext : JsonSerializerContext;
