namespace RiskFunctions.Domain.FraudRings;

/// <summary>A shared identifier that links members of a ring, and how many members used it.</summary>
public sealed record RingLink(LinkEntity Entity, int MemberCount);

/// <summary>A connected group of users that passed the size and evidence thresholds.</summary>
/// <param name="Members">The users, ordinal order.</param>
/// <param name="Links">The identifiers two members or more share, most shared first.</param>
/// <param name="FirstSeen">The earliest edge of the group.</param>
/// <param name="LastSeen">The latest edge of the group.</param>
public sealed record DetectedRing(IReadOnlyList<string> Members, IReadOnlyList<RingLink> Links, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);
