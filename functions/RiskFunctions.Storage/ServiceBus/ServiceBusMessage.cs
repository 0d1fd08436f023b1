namespace RiskFunctions.Storage.ServiceBus;

/// <summary>A message to send: the body bytes and the broker and application properties that travel with it.</summary>
/// <param name="Body">The exact body; the receiving trigger (<c>dataType: binary</c>) gets these bytes.</param>
/// <param name="MessageId">Set to a business id so the queue's duplicate detection drops a re-send.</param>
public sealed record ServiceBusMessage(ReadOnlyMemory<byte> Body, string MessageId)
{
    public string ContentType { get; init; } = "application/json";

    public string? CorrelationId { get; init; }

    /// <summary>Application properties (sent as one header each); string values only.</summary>
    public IReadOnlyDictionary<string, string> ApplicationProperties { get; init; } = new Dictionary<string, string>();
}
