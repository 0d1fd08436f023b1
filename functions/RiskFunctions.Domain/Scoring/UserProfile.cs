namespace RiskFunctions.Domain.Scoring;

/// <summary>
/// A user's trusted history: every feature value seen in the user's profile-building actions (successful,
/// unchallenged or passed-challenge), with counts and first/last-seen times. Read-only; changes are
/// planned by <see cref="ProfileFeeder"/> and applied by storage.
/// </summary>
public sealed class UserProfile
{
    private readonly Dictionary<string, FeatureStats>[] _values;
    private readonly KindTotals[] _totals;

    private UserProfile(
        string userId,
        long actionCount,
        DateTimeOffset? firstSeen,
        DateTimeOffset? lastSeen,
        Dictionary<string, FeatureStats>[] values,
        KindTotals[] totals,
        IReadOnlyList<string> recentActionIds)
    {
        UserId = userId;
        ActionCount = actionCount;
        FirstSeen = firstSeen;
        LastSeen = lastSeen;
        _values = values;
        _totals = totals;
        RecentActionIds = recentActionIds;
    }

    public string UserId { get; }

    /// <summary>Profile-building actions of the user so far.</summary>
    public long ActionCount { get; }

    /// <summary>When the first profile-building action happened; <c>null</c> for a user never seen.</summary>
    public DateTimeOffset? FirstSeen { get; }

    public DateTimeOffset? LastSeen { get; }

    /// <summary>The most recent action ids that fed this profile, newest first (makes feeding idempotent).</summary>
    public IReadOnlyList<string> RecentActionIds { get; }

    /// <summary>Whether the user has any trusted history.</summary>
    public bool IsKnown => ActionCount > 0;

    /// <summary>A user with no history.</summary>
    public static UserProfile Empty(string userId) => new Builder(userId).Build();

    /// <summary>Statistics of one value, when the user has shown it.</summary>
    public bool TryGet(FeatureKind kind, string key, out FeatureStats stats) =>
        _values[(int)kind].TryGetValue(key, out stats);

    /// <summary>Totals of a root kind.</summary>
    public KindTotals Totals(FeatureKind kind) => _totals[(int)kind];

    /// <summary>The values of one kind the user has shown (at most the profile cap).</summary>
    public IReadOnlyDictionary<string, FeatureStats> Values(FeatureKind kind) => _values[(int)kind];

    /// <summary>
    /// The profile after <paramref name="update"/> (planned from this profile by <see cref="ProfileFeeder"/>): what
    /// storage writes, and what callers that keep profiles in memory hold.
    /// </summary>
    public UserProfile Apply(ProfileUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Applied)
        {
            return this;
        }

        var builder = new Builder(UserId)
            .WithSummary(update.ActionCount, update.FirstSeen, update.LastSeen)
            .WithRecentActions(update.RecentActionIds);
        foreach (var kind in FeatureKinds.All)
        {
            builder.WithTotals(kind, Totals(kind));
            foreach (var (key, stats) in Values(kind))
            {
                if (!update.Evictions.Contains((kind, key)))
                {
                    builder.WithValue(kind, key, stats);
                }
            }
        }

        foreach (var (kind, totals) in update.Totals)
        {
            builder.WithTotals(kind, totals);
        }

        foreach (var value in update.Upserts)
        {
            builder.WithValue(value.Kind, value.Key, value.Stats);
        }

        return builder.Build();
    }

    /// <summary>Assembles a profile, typically from stored rows.</summary>
    public sealed class Builder
    {
        private readonly string _userId;
        private readonly Dictionary<string, FeatureStats>[] _values;
        private readonly KindTotals[] _totals = new KindTotals[FeatureKinds.Count];
        private readonly List<string> _recent = [];
        private long _actionCount;
        private DateTimeOffset? _firstSeen;
        private DateTimeOffset? _lastSeen;
        private bool _built;

        public Builder(string userId)
        {
            ArgumentException.ThrowIfNullOrEmpty(userId);
            _userId = userId;
            _values = new Dictionary<string, FeatureStats>[FeatureKinds.Count];
            for (var i = 0; i < _values.Length; i++)
            {
                _values[i] = new Dictionary<string, FeatureStats>(StringComparer.Ordinal);
            }
        }

        public Builder WithSummary(long actionCount, DateTimeOffset? firstSeen, DateTimeOffset? lastSeen)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(actionCount);
            _actionCount = actionCount;
            _firstSeen = firstSeen;
            _lastSeen = lastSeen;
            return this;
        }

        public Builder WithTotals(FeatureKind kind, KindTotals totals)
        {
            _totals[(int)kind] = totals;
            return this;
        }

        public Builder WithValue(FeatureKind kind, string key, FeatureStats stats)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            _values[(int)kind][key] = stats;
            return this;
        }

        public Builder WithRecentActions(IEnumerable<string> actionIds)
        {
            _recent.Clear();
            _recent.AddRange(actionIds);
            return this;
        }

        /// <summary>The profile. A builder builds once: the profile takes ownership of what was added.</summary>
        public UserProfile Build()
        {
            if (_built)
            {
                throw new InvalidOperationException("This builder has already built its profile.");
            }

            _built = true;
            return new(_userId, _actionCount, _firstSeen, _lastSeen, _values, _totals, _recent.ToArray());
        }
    }
}
