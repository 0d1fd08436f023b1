using Azure;
using Microsoft.Extensions.Caching.Memory;

namespace RiskFunctions.Storage.Profiles;

/// <summary>
/// Recently read population counts, per instance. Population counts are tenant-wide frequencies that move
/// slowly, so a count up to <see cref="PopulationCache.TimeToLive"/> old scores the same; the cache keeps
/// the hot ones (countries, networks, browsers, totals) off the request path, and a returning user's own values
/// (its devices and addresses) between two of its actions a few minutes apart. What this instance adds to a count
/// it adds to the cached count too. A count kept in one row is cached with the row's version (<see cref="KnownCountRow"/>),
/// so this instance's next increment of it writes without reading it first. Bounded: when it is full, the expired counts
/// and then the least recently read go first, so the hot ones stay.
/// </summary>
public sealed class PopulationCache : IDisposable
{
    /// <summary>
    /// How long a count is reused: 5 minutes. Other instances' increments of a count show after at most this long; a
    /// value's count grows by its own users' actions, so in 5 minutes a count moves by a few at most, except in a burst
    /// from one address or device, which then looks rarer for longer (more risk, not less).
    /// </summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(5);

    /// <summary>Most counts kept: 100,000 (roughly 55 MB: about 550 bytes a count with its cache entry, key strings and version).</summary>
    public const int Capacity = 100_000;

    private static readonly MemoryCacheEntryOptions EntryOptions = new() { Size = 1, AbsoluteExpirationRelativeToNow = TimeToLive };

    private readonly MemoryCache _entries;

    public PopulationCache(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = Capacity, Clock = new TimeProviderClock(time) });
    }

    public bool TryGet(string partitionKey, string rowPrefix, out long count)
    {
        if (_entries.TryGetValue((partitionKey, rowPrefix), out CachedCount? entry))
        {
            count = Interlocked.Read(ref entry!.Count);
            return true;
        }

        count = 0;
        return false;
    }

    public void Set(string partitionKey, string rowPrefix, long count) => _entries.Set((partitionKey, rowPrefix), new CachedCount(count, null), EntryOptions);

    /// <summary>A single row's count with the version this instance last read or wrote it at, or that it knew no row.</summary>
    public bool TryGetRow(string partitionKey, string rowPrefix, out KnownCountRow row)
    {
        if (_entries.TryGetValue((partitionKey, rowPrefix), out CachedCount? entry) && entry!.Version is { } version)
        {
            row = new KnownCountRow(Interlocked.Read(ref entry.Count), version);
            return true;
        }

        row = default;
        return false;
    }

    public void SetRow(string partitionKey, string rowPrefix, KnownCountRow row) =>
        _entries.Set((partitionKey, rowPrefix), new CachedCount(row.Count, row.Version), EntryOptions);

    /// <summary>
    /// Adds <paramref name="delta"/> to a count that is cached (written by this instance); keeps its expiry. Not to a
    /// single row's count, which is only ever replaced with its row's next version.
    /// </summary>
    public void AddIfCached(string partitionKey, string rowPrefix, long delta)
    {
        if (_entries.TryGetValue((partitionKey, rowPrefix), out CachedCount? entry) && entry!.Version is null)
        {
            Interlocked.Add(ref entry!.Count, delta);
        }
    }

    public void Dispose() => _entries.Dispose();

    /// <summary>
    /// A cached count, added to in place so that concurrent increments are never lost; and for a single row, the version
    /// its count was read or written at (<c>default</c>: there was no row), never added to.
    /// </summary>
    private sealed class CachedCount(long count, ETag? version)
    {
        public long Count = count;

        public ETag? Version { get; } = version;
    }
}
