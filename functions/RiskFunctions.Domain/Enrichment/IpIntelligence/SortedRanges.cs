using System.Numerics;

namespace RiskFunctions.Domain.Enrichment.IpIntelligence;

/// <summary>
/// Non-overlapping inclusive ranges sorted by start, searched by binary search. Large tables also get a
/// bucket index on the top 16 bits of the address, so a lookup in a million ranges binary-searches only
/// the few ranges that start in its /16 (IPv4) or /16 prefix (IPv6) instead of touching ~20 cache lines.
/// </summary>
internal sealed class SortedRanges<T>
    where T : struct, IBinaryInteger<T>
{
    private const int BucketBits = 16;
    private const int IndexThreshold = 1024;

    private static readonly int Shift = int.CreateTruncating(T.PopCount(T.AllBitsSet)) - BucketBits;

    private readonly T[] _starts;
    private readonly T[] _ends;

    // _firstAtOrAfter[b] = index of the first range starting in bucket b or later; null for small tables.
    private readonly int[]? _firstAtOrAfter;

    /// <param name="starts">Range starts, strictly ascending.</param>
    /// <param name="ends">Range ends; <c>ends[i]</c> is below <c>starts[i + 1]</c>.</param>
    public SortedRanges(T[] starts, T[] ends)
    {
        _starts = starts;
        _ends = ends;
        if (starts.Length >= IndexThreshold)
        {
            var index = new int[(1 << BucketBits) + 1];
            var range = 0;
            for (var bucket = 0; bucket <= 1 << BucketBits; bucket++)
            {
                while (range < starts.Length && Bucket(starts[range]) < bucket)
                {
                    range++;
                }

                index[bucket] = range;
            }

            _firstAtOrAfter = index;
        }
    }

    public int Count => _starts.Length;

    /// <summary>The index of the range that contains <paramref name="value"/>, or -1.</summary>
    public int IndexOf(T value)
    {
        int low = 0, high = _starts.Length - 1;
        if (_firstAtOrAfter is { } index)
        {
            // The containing range starts in this bucket or is the last one before it.
            var bucket = Bucket(value);
            low = Math.Max(index[bucket] - 1, 0);
            high = index[bucket + 1] - 1;
        }

        // Find the last start <= value.
        var found = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            if (_starts[middle] <= value)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found >= 0 && value <= _ends[found] ? found : -1;
    }

    private static int Bucket(T value) => int.CreateTruncating(value >> Shift);
}
