namespace RiskFunctions.Domain.Enrichment.UserAgents;

/// <summary>
/// Turns a user-agent string into normalized browser, OS and platform names (<see cref="UserAgentInfo"/>).
/// Thread-safe; register one instance per process. Results are cached per distinct string in a
/// fixed-size, direct-mapped table: a hit costs one hash and one string comparison and allocates
/// nothing, a collision simply replaces the older entry, so memory stays bounded whatever clients send.
/// </summary>
public sealed class UserAgentParser
{
    /// <summary>Default number of cache slots.</summary>
    public const int DefaultCacheSize = 4096;

    private readonly CacheEntry?[] _slots;
    private readonly int _mask;

    /// <summary>Creates a parser with <paramref name="cacheSize"/> slots (rounded up to a power of two; 0 disables caching).</summary>
    public UserAgentParser(int cacheSize = DefaultCacheSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cacheSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cacheSize, 1 << 20);
        var slots = cacheSize == 0 ? 0 : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)cacheSize);
        _slots = new CacheEntry?[slots];
        _mask = slots - 1;
    }

    /// <summary>Parses <paramref name="userAgent"/>; a null or blank value gives <see cref="UserAgentInfo.Unknown"/>.</summary>
    public UserAgentInfo Parse(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent))
        {
            return UserAgentInfo.Unknown;
        }

        if (_slots.Length == 0 || userAgent.Length > UserAgentClassifier.MaxExaminedLength)
        {
            return UserAgentClassifier.Classify(userAgent);
        }

        // string.GetHashCode is randomized per process, so clients cannot aim collisions at one slot.
        var hash = userAgent.GetHashCode(StringComparison.Ordinal);
        ref var slot = ref _slots[hash & _mask];
        var entry = Volatile.Read(ref slot);
        if (entry is not null && entry.Hash == hash && string.Equals(entry.UserAgent, userAgent, StringComparison.Ordinal))
        {
            return entry.Info;
        }

        var info = UserAgentClassifier.Classify(userAgent);
        Volatile.Write(ref slot, new CacheEntry(userAgent, hash, info));
        return info;
    }

    // One immutable object per slot so readers always see a matching key and value.
    private sealed record CacheEntry(string UserAgent, int Hash, UserAgentInfo Info);
}
