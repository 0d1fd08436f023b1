namespace RiskFunctions.Domain.Enrichment.IpIntelligence;

/// <summary>
/// Maps address ranges to values (a location, an autonomous system). Immutable once built; lookups are
/// a binary search per family and allocate nothing. Equal values are stored once and shared.
/// </summary>
public sealed class IpRangeTable<T>
    where T : class
{
    private readonly SortedRanges<uint> _v4;
    private readonly int[] _v4Values;
    private readonly SortedRanges<UInt128> _v6;
    private readonly int[] _v6Values;
    private readonly T[] _values;

    internal IpRangeTable(SortedRanges<uint> v4, int[] v4Values, SortedRanges<UInt128> v6, int[] v6Values, T[] values)
    {
        _v4 = v4;
        _v4Values = v4Values;
        _v6 = v6;
        _v6Values = v6Values;
        _values = values;
    }

    /// <summary>Number of IPv4 ranges.</summary>
    public int IPv4RangeCount => _v4.Count;

    /// <summary>Number of IPv6 ranges.</summary>
    public int IPv6RangeCount => _v6.Count;

    /// <summary>Number of distinct values the ranges share.</summary>
    public int DistinctValueCount => _values.Length;

    /// <summary>The value of the range containing <paramref name="address"/>, or null.</summary>
    public T? Find(IpAddressValue address)
    {
        if (address.IsIPv4)
        {
            var index = _v4.IndexOf(address.IPv4Bits);
            return index < 0 ? null : _values[_v4Values[index]];
        }

        var v6Index = _v6.IndexOf(address.Bits);
        return v6Index < 0 ? null : _values[_v6Values[v6Index]];
    }
}
