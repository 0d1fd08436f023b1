using RiskFunctions.Domain.Scoring;

namespace RiskFunctions.Storage.Profiles;

/// <summary>
/// Population increments gathered in memory (a batch of imported results) and written together by
/// <see cref="PopulationRepository.ApplyAsync"/>: a value counted by a thousand actions is one row update, not a
/// thousand read-modify-writes of a shared shard. Not thread-safe on its own: <see cref="Add"/> locks.
/// </summary>
public sealed class PopulationDelta
{
    private readonly Lock _lock = new();
    private readonly Dictionary<PopulationCountKey, long> _counts = [];

    public PopulationDelta(string tenantId) => TenantId = tenantId;

    public string TenantId { get; }

    /// <summary>How many distinct counts are pending.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _counts.Count;
            }
        }
    }

    /// <summary>Adds one profile-building action's values (nothing for an already-applied update).</summary>
    public void Add(ProfileUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Applied)
        {
            return;
        }

        lock (_lock)
        {
            foreach (var key in PopulationRepository.CountsOf(TenantId, update))
            {
                _counts[key] = _counts.GetValueOrDefault(key) + 1;
            }
        }
    }

    /// <summary>The pending counts, and empties the delta.</summary>
    internal IReadOnlyList<(PopulationCountKey Key, long Delta)> Drain()
    {
        lock (_lock)
        {
            var pending = _counts.Select(c => (c.Key, c.Value)).ToList();
            _counts.Clear();
            return pending;
        }
    }
}
