namespace RiskFunctions.Domain.Enrichment.IpIntelligence;

/// <summary>A set of addresses given as networks (a risky-IP list); overlapping entries are merged when built.</summary>
public sealed class IpRangeSet
{
    internal IpRangeSet(SortedRanges<uint> v4, SortedRanges<UInt128> v6)
    {
        IPv4 = v4;
        IPv6 = v6;
    }

    public static IpRangeSet Empty { get; } = new(new SortedRanges<uint>([], []), new SortedRanges<UInt128>([], []));

    /// <summary>Number of disjoint IPv4 ranges after merging.</summary>
    public int IPv4RangeCount => IPv4.Count;

    /// <summary>Number of disjoint IPv6 ranges after merging.</summary>
    public int IPv6RangeCount => IPv6.Count;

    internal SortedRanges<uint> IPv4 { get; }

    internal SortedRanges<UInt128> IPv6 { get; }

    public bool Contains(IpAddressValue address) =>
        address.IsIPv4 ? IPv4.IndexOf(address.IPv4Bits) >= 0 : IPv6.IndexOf(address.Bits) >= 0;
}
