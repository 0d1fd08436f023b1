using System.Collections.Concurrent;

namespace RiskFunctions.Storage.Profiles;

/// <summary>
/// Recently read population counts, per instance. Population counts are tenant-wide frequencies that move
/// slowly, so a count up to <see cref="PopulationCache.TimeToLive"/> old scores the same; the cache keeps
/// the hot ones (countries, networks, browsers, totals) off the request path, and a returning user's own values
/// (its devices and addresses) between two of its actions a few minutes apart. What this instance adds to a count
/// it adds to the cached count too. Bounded: when it is full it starts over.
/// </summary>
public sealed class PopulationCache
{
    /// <summary>
    /// How long a count is reused: 5 minutes. Other instances' increments of a count show after at most this long; a
    /// value's count grows by its own users' actions, so in 5 minutes a count moves by a few at most, except in a burst
    /// from one address or device, which then looks rarer for longer (more risk, not less).
    /// </summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(5);

    /// <summary>Most counts kept: 100,000 (about 30 MB, the keys' strings included).</summary>
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<(string PartitionKey, string RowPrefix), Entry> _entries = new();
    private readonly TimeProvider _time;

    public PopulationCache(TimeProvider time) => _time = time;

    public bool TryGet(string partitionKey, string rowPrefix, out long count)
    {
        if (_entries.TryGetValue((partitionKey, rowPrefix), out var entry) && entry.ExpiresAt > _time.GetUtcNow())
        {
            count = entry.Count;
            return true;
        }

        count = 0;
        return false;
    }

    public void Set(string partitionKey, string rowPrefix, long count)
    {
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[(partitionKey, rowPrefix)] = new Entry(count, _time.GetUtcNow() + TimeToLive);
    }

    /// <summary>Adds <paramref name="delta"/> to a count that is cached (written by this instance); keeps its expiry.</summary>
    public void AddIfCached(string partitionKey, string rowPrefix, long delta)
    {
        var key = (partitionKey, rowPrefix);
        while (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > _time.GetUtcNow())
        {
            if (_entries.TryUpdate(key, entry with { Count = entry.Count + delta }, entry))
            {
                return;
            }
        }
    }

    private readonly record struct Entry(long Count, DateTimeOffset ExpiresAt);
}
