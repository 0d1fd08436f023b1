using Microsoft.Extensions.Caching.Memory;

namespace RiskFunctions.Storage.Profiles;

/// <summary>
/// The profile this instance last read or wrote per user, with its row's version, for a short while, so that a
/// success's feed (action/result) starts from the profile trigger-action read for scoring moments before instead of
/// reading the row again. Only ever a starting point for a write: the feed is conditional on the version, so a profile
/// someone else changed since loses the race, is read again and fed on top. Nothing is scored from it. Bounded: when it
/// is full, a profile is not kept and the feed reads it, as without the cache.
/// </summary>
public sealed class ProfileSnapshotCache : IDisposable
{
    /// <summary>
    /// How long a profile is kept: 2 minutes. An action's result follows it within seconds, or within a minute or two
    /// when the user was challenged.
    /// </summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(2);

    /// <summary>Most profiles kept: 4,096 (a few KB each in memory, their feature values most of it).</summary>
    public const int Capacity = 4_096;

    private static readonly MemoryCacheEntryOptions EntryOptions = new() { Size = 1, AbsoluteExpirationRelativeToNow = TimeToLive };

    private readonly MemoryCache _entries;

    public ProfileSnapshotCache(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = Capacity, Clock = new TimeProviderClock(time) });
    }

    /// <summary>The user's profile as this instance last read or wrote it, if it is kept.</summary>
    public ProfileSnapshot? Get(string tenantId, string userId) =>
        _entries.TryGetValue((tenantId, userId), out ProfileSnapshot? snapshot) ? snapshot : null;

    /// <summary>Keeps the user's profile as just read or written; <c>null</c> forgets it (its version is not known).</summary>
    public void Set(string tenantId, string userId, ProfileSnapshot? snapshot)
    {
        if (snapshot is null)
        {
            _entries.Remove((tenantId, userId));
        }
        else
        {
            _entries.Set((tenantId, userId), snapshot, EntryOptions);
        }
    }

    public void Dispose() => _entries.Dispose();
}
