using System.Numerics;
using System.Runtime.InteropServices;

namespace RiskFunctions.Domain.Enrichment.IpIntelligence;

/// <summary>Collects ranges of one address family and turns them into <see cref="SortedRanges{T}"/>.</summary>
internal sealed class RangeAccumulator<T>
    where T : struct, IBinaryInteger<T>
{
    private readonly List<(T Start, T End, int Value)> _ranges = [];

    public void Add(T start, T end, int value) => _ranges.Add((start, end, value));

    /// <summary>
    /// Sorted ranges with their values. The same range repeated with the same value is kept once;
    /// any other overlap means the data is inconsistent and is reported rather than resolved by guessing.
    /// </summary>
    public (SortedRanges<T> Ranges, int[] Values) BuildDisjoint(Func<T, T, string> describe)
    {
        var ranges = SortedSpan();
        var starts = new List<T>(ranges.Length);
        var ends = new List<T>(ranges.Length);
        var values = new List<int>(ranges.Length);
        foreach (var (start, end, value) in ranges)
        {
            if (starts.Count > 0 && start <= ends[^1])
            {
                if (start == starts[^1] && end == ends[^1] && value == values[^1])
                {
                    continue;
                }

                throw new IpDataFormatException(
                    $"Ranges {describe(starts[^1], ends[^1])} and {describe(start, end)} overlap; each address must belong to one range.");
            }

            starts.Add(start);
            ends.Add(end);
            values.Add(value);
        }

        return (new SortedRanges<T>([.. starts], [.. ends]), [.. values]);
    }

    /// <summary>The union of all ranges: overlapping and adjacent ones are merged.</summary>
    public SortedRanges<T> BuildMerged()
    {
        var ranges = SortedSpan();
        var starts = new List<T>();
        var ends = new List<T>();
        foreach (var (start, end, _) in ranges)
        {
            // Adjacent ranges merge too (end + 1 == start), unless the end is the family's last address.
            if (starts.Count > 0 && (start <= ends[^1] || (ends[^1] != T.AllBitsSet && start == ends[^1] + T.One)))
            {
                if (end > ends[^1])
                {
                    ends[^1] = end;
                }

                continue;
            }

            starts.Add(start);
            ends.Add(end);
        }

        return new SortedRanges<T>([.. starts], [.. ends]);
    }

    private Span<(T Start, T End, int Value)> SortedSpan()
    {
        var span = CollectionsMarshal.AsSpan(_ranges);
        span.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        return span;
    }
}
