using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RiskFunctions.Domain.FraudRings;

/// <summary>
/// Which ring a detected group is: a ring that grows keeps its id, and when the group joins several rings the oldest
/// survives and the others are merged into it. A group that meets no ring gets a new id derived from the tenant, its
/// smallest member and its first sighting, so detecting the same group twice names it the same.
/// </summary>
public static class RingIdentity
{
    public const string IdPrefix = "ring_";

    /// <summary>The surviving ring id, its first sighting, and the ids of the rings merged into it.</summary>
    public sealed record Resolution(string RingId, DateTimeOffset FirstSeen, IReadOnlyList<string> MergedRingIds, bool IsNew);

    /// <param name="tenantId">The tenant (part of a new id).</param>
    /// <param name="ring">The detected group.</param>
    /// <param name="memberships">The current ring of each member that has one.</param>
    public static Resolution Resolve(string tenantId, DetectedRing ring, IEnumerable<RingMembership> memberships)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(memberships);
        var existing = memberships
            .DistinctBy(membership => membership.RingId, StringComparer.Ordinal)
            .OrderBy(membership => membership.RingFirstSeen)
            .ThenBy(membership => membership.RingId, StringComparer.Ordinal)
            .ToList();
        if (existing.Count == 0)
        {
            return new Resolution(NewId(tenantId, ring.Members[0], ring.FirstSeen), ring.FirstSeen, [], true);
        }

        var survivor = existing[0];
        var firstSeen = survivor.RingFirstSeen < ring.FirstSeen ? survivor.RingFirstSeen : ring.FirstSeen;
        return new Resolution(survivor.RingId, firstSeen, [.. existing.Skip(1).Select(membership => membership.RingId)], false);
    }

    /// <summary>Whether <paramref name="value"/> has the shape of a ring id (anything else is never looked up).</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: 29 } && value.StartsWith(IdPrefix, StringComparison.Ordinal) && value.AsSpan(IdPrefix.Length).ContainsOnlyLowerHex();

    private static string NewId(string tenantId, string firstMember, DateTimeOffset firstSeen)
    {
        var seed = string.Join('\n', tenantId, firstMember, firstSeen.UtcTicks.ToString(CultureInfo.InvariantCulture));
        return IdPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 12));
    }

    private static bool ContainsOnlyLowerHex(this ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
