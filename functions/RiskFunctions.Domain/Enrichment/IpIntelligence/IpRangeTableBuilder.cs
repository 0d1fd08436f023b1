using System.Globalization;

namespace RiskFunctions.Domain.Enrichment.IpIntelligence;

/// <summary>Accumulates ranges with values for one <see cref="IpRangeTable{T}"/>; equal values are stored once.</summary>
internal sealed class IpRangeTableBuilder<T>
    where T : class
{
    private readonly Dictionary<T, int> _indexByValue = [];
    private readonly List<T> _values = [];
    private readonly RangeAccumulator<uint> _v4 = new();
    private readonly RangeAccumulator<UInt128> _v6 = new();

    public bool IsEmpty => _values.Count == 0;

    public void Add(IpNetwork network, T value)
    {
        if (!_indexByValue.TryGetValue(value, out var index))
        {
            index = _values.Count;
            _values.Add(value);
            _indexByValue.Add(value, index);
        }

        if (network.First.IsIPv4)
        {
            _v4.Add(network.First.IPv4Bits, network.Last.IPv4Bits, index);
        }
        else
        {
            _v6.Add(network.First.Bits, network.Last.Bits, index);
        }
    }

    /// <param name="tableName">Names the table in the error when two ranges overlap.</param>
    /// <param name="finalize">Maps each distinct value once more before the table is sealed (e.g. to add derived facts).</param>
    public IpRangeTable<T> Build(string tableName, Func<T, T>? finalize = null)
    {
        try
        {
            var (v4, v4Values) = _v4.BuildDisjoint(static (a, b) => $"{IpAddressValue.FromIPv4(a)}-{IpAddressValue.FromIPv4(b)}");
            var (v6, v6Values) = _v6.BuildDisjoint(static (a, b) => $"{IpAddressValue.FromIPv6(a)}-{IpAddressValue.FromIPv6(b)}");
            return new IpRangeTable<T>(v4, v4Values, v6, v6Values, finalize is null ? [.. _values] : [.. _values.Select(finalize)]);
        }
        catch (IpDataFormatException ex)
        {
            throw new IpDataFormatException(string.Create(CultureInfo.InvariantCulture, $"{tableName}: {ex.Message}"), ex);
        }
    }
}
