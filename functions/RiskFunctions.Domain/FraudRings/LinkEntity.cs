namespace RiskFunctions.Domain.FraudRings;

/// <summary>One device, fingerprint, key, card, payee account or IP address that users can share.</summary>
public readonly record struct LinkEntity(LinkKind Kind, string Value);

/// <summary>A user seen with a <see cref="LinkEntity"/> at a time.</summary>
public readonly record struct RingEdge(string UserId, LinkEntity Entity, DateTimeOffset SeenAt);
