namespace RiskFunctions.Domain.Scoring;

/// <summary>
/// Plans how one profile-building action (successful, unchallenged or passed-challenge) changes a user's
/// profile and the tenant population. Pure: storage applies the plan atomically for the user (one write of the
/// profile guarded by its ETag) and then the population increments.
/// </summary>
public static class ProfileFeeder
{
    /// <summary>How many action ids a profile remembers so that feeding the same action twice is a no-op.</summary>
    public const int RecentActionCapacity = 32;

    /// <summary>Most values kept per kind and user; beyond it the least recently seen value is evicted.</summary>
    public const int DefaultMaxValuesPerKind = 64;

    /// <summary>The changes feeding <paramref name="actionId"/> makes to <paramref name="profile"/>.</summary>
    public static ProfileUpdate Plan(
        UserProfile profile,
        in ActionFeatures features,
        string actionId,
        DateTimeOffset at,
        int maxValuesPerKind = DefaultMaxValuesPerKind)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentException.ThrowIfNullOrEmpty(actionId);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxValuesPerKind, 1);

        if (profile.RecentActionIds.Contains(actionId, StringComparer.Ordinal))
        {
            return ProfileUpdate.AlreadyApplied(profile);
        }

        var values = new Dictionary<(FeatureKind, string), FeatureStats>();
        var totals = new List<(FeatureKind Kind, KindTotals Totals)>();
        var evictions = new List<(FeatureKind Kind, string Key)>();
        var present = new List<(FeatureKind Kind, string Key)>();

        foreach (var kind in FeatureKinds.All)
        {
            var key = features[kind];
            if (key is null)
            {
                continue;
            }

            present.Add((kind, key));
            var isNew = !profile.TryGet(kind, key, out var stats);
            values[(kind, key)] = isNew
                ? new FeatureStats(1, 0, at, at)
                : stats with { Count = stats.Count + 1, LastSeen = Max(stats.LastSeen, at) };

            if (kind.Parent() is { } parent)
            {
                if (isNew && values.TryGetValue((parent, features[parent]!), out var parentStats))
                {
                    values[(parent, features[parent]!)] = parentStats with { Children = parentStats.Children + 1 };
                }
            }
            else
            {
                var current = profile.Totals(kind);
                totals.Add((kind, new KindTotals(current.Total + 1, current.Distinct + (isNew ? 1 : 0))));
            }

            if (isNew && profile.Values(kind).Count >= maxValuesPerKind)
            {
                evictions.Add((kind, LeastRecentlySeen(profile, kind, features)));
            }
        }

        var recent = new List<string>(RecentActionCapacity) { actionId };
        recent.AddRange(profile.RecentActionIds.Take(RecentActionCapacity - 1));

        var upserts = new List<ProfileValue>(values.Count);
        foreach (var ((kind, key), stats) in values)
        {
            upserts.Add(new ProfileValue(kind, key, stats));
        }

        upserts.Sort(static (a, b) => a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : string.CompareOrdinal(a.Key, b.Key));
        return new ProfileUpdate(
            Applied: false,
            ActionCount: profile.ActionCount + 1,
            FirstSeen: profile.FirstSeen is { } first ? Min(first, at) : at,
            LastSeen: profile.LastSeen is { } last ? Max(last, at) : at,
            IsNewUser: !profile.IsKnown,
            Totals: totals,
            Upserts: upserts,
            Evictions: evictions,
            Present: present,
            RecentActionIds: recent);
    }

    private static string LeastRecentlySeen(UserProfile profile, FeatureKind kind, in ActionFeatures features)
    {
        string? victim = null;
        var victimSeen = DateTimeOffset.MaxValue;
        foreach (var (key, stats) in profile.Values(kind))
        {
            if (string.Equals(key, features[kind], StringComparison.Ordinal))
            {
                continue;
            }

            if (stats.LastSeen < victimSeen || (stats.LastSeen == victimSeen && string.CompareOrdinal(key, victim) < 0))
            {
                victim = key;
                victimSeen = stats.LastSeen;
            }
        }

        return victim!;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
}

/// <summary>A profile value's new statistics.</summary>
public sealed record ProfileValue(FeatureKind Kind, string Key, FeatureStats Stats);

/// <summary>What feeding one action changes; <see cref="Applied"/> means the action had already fed the profile.</summary>
/// <param name="Applied">The action is among the profile's recent actions: nothing to do.</param>
/// <param name="ActionCount">The profile's new action count.</param>
/// <param name="FirstSeen">The profile's new first-seen time.</param>
/// <param name="LastSeen">The profile's new last-seen time.</param>
/// <param name="IsNewUser">The user had no history before: the tenant gains a profiled user.</param>
/// <param name="Totals">New totals of the root kinds the action carried.</param>
/// <param name="Upserts">Values to write, sorted by kind then key.</param>
/// <param name="Evictions">Values to delete to stay within the per-kind cap.</param>
/// <param name="Present">The action's values: each adds one to the tenant population's count.</param>
/// <param name="RecentActionIds">The profile's new recent-action list, newest first.</param>
public sealed record ProfileUpdate(
    bool Applied,
    long ActionCount,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    bool IsNewUser,
    IReadOnlyList<(FeatureKind Kind, KindTotals Totals)> Totals,
    IReadOnlyList<ProfileValue> Upserts,
    IReadOnlyList<(FeatureKind Kind, string Key)> Evictions,
    IReadOnlyList<(FeatureKind Kind, string Key)> Present,
    IReadOnlyList<string> RecentActionIds)
{
    internal static ProfileUpdate AlreadyApplied(UserProfile profile) =>
        new(true, profile.ActionCount, profile.FirstSeen, profile.LastSeen, false, [], [], [], [], profile.RecentActionIds);
}
