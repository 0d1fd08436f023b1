using Azure;
using RiskFunctions.Domain.FraudRings;

namespace RiskFunctions.Storage.FraudRings;

/// <summary>A ring as recorded: members, the identifiers that link them, its span, and the ring it was merged into, if any.</summary>
public sealed record StoredRing
{
    public required string TenantId { get; init; }

    public required string RingId { get; init; }

    /// <summary>Users, ordinal order.</summary>
    public required IReadOnlyList<string> Members { get; init; }

    public required IReadOnlyList<RingLink> Links { get; init; }

    public required DateTimeOffset FirstSeen { get; init; }

    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>The older ring this one joined; its members and actions are that ring's now.</summary>
    public string? MergedInto { get; init; }

    public ETag ETag { get; init; }
}
