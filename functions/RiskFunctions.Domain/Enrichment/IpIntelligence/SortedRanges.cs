using System.Numerics;

namespace RiskFunctions.Domain.Enrichment.IpIntelligence;

/// <summary>
/// Non-overlapping inclusive ranges sorted by start, searched by binary search. Two parallel arrays
/// rather than an array of pairs keep the search on the starts only, which is cache-friendly.
/// </summary>
internal sealed class SortedRanges<T>
    where T : struct, IComparisonOperators<T, T, bool>
{
    private readonly T[] _starts;
    private readonly T[] _ends;

    /// <param name="starts">Range starts, strictly ascending.</param>
    /// <param name="ends">Range ends; <c>ends[i]</c> is below <c>starts[i + 1]</c>.</param>
    public SortedRanges(T[] starts, T[] ends)
    {
        _starts = starts;
        _ends = ends;
    }

    public int Count => _starts.Length;

    /// <summary>The index of the range that contains <paramref name="value"/>, or -1.</summary>
    public int IndexOf(T value)
    {
        // Find the last start <= value.
        int low = 0, high = _starts.Length - 1, found = -1;
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
}
