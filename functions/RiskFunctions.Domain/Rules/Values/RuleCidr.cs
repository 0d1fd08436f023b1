using System.Globalization;
using RiskFunctions.Domain.Enrichment.IpIntelligence;

namespace RiskFunctions.Domain.Rules.Values;

/// <summary>
/// A rule's IP range: the addresses it covers and the prefix length it was written with. IPv4-mapped IPv6
/// ranges (<c>::ffff:10.0.0.0/104</c>) are the IPv4 range they denote (<c>10.0.0.0/8</c>), because addresses
/// are matched the same way: an IPv4 or IPv4-mapped address among the IPv4 ranges, any other among IPv6.
/// </summary>
/// <param name="Range">First and last address (host bits of the written address cleared).</param>
/// <param name="PrefixLength">0..32 for IPv4, 0..128 for IPv6.</param>
public readonly record struct RuleCidr(IpNetwork Range, int PrefixLength)
{
    public bool IsIPv4 => Range.First.IsIPv4;

    /// <summary>Whether <paramref name="address"/> is of this range's family and inside it.</summary>
    public bool Contains(IpAddressValue address) =>
        address.IsIPv4 == IsIPv4 && Range.First.Bits <= address.Bits && address.Bits <= Range.Last.Bits;

    /// <summary>The canonical text: network address (dotted quad or RFC 5952 IPv6) and prefix length.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Range.First}/{PrefixLength}");
}
