namespace RiskFunctions.Domain.FraudRings;

/// <summary>The ring a user belongs to, and when that ring was first seen (the older of two merging rings survives).</summary>
public sealed record RingMembership(string RingId, DateTimeOffset RingFirstSeen);
