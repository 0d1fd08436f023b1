using RiskFunctions.Domain.Scoring;

namespace RiskFunctions.Storage.Profiles;

/// <summary>
/// Population increments gathered in memory and written together by <see cref="PopulationRepository.ApplyAsync"/>: a
/// value counted by a thousand actions is one row update, not a thousand read-modify-writes of a shared shard. A batch
/// of imported results gathers its own; the live results of an instance gather in the repository's, written every
/// second. Thread-safe.
/// </summary>
public sealed class PopulationDelta
{
    private readonly Lock _lock = new();
    private readonly Dictionary<PopulationCountKey, long> _counts = [];
    private readonly Dictionary<PopulationCountKey, long> _writing = [];

    /// <summary>How many distinct counts are pending (not counting those being written).</summary>
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
    public void Add(string tenantId, ProfileUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Applied)
        {
            return;
        }

        lock (_lock)
        {
            foreach (var key in PopulationRepository.CountsOf(tenantId, update))
            {
                _counts[key] = _counts.GetValueOrDefault(key) + 1;
            }
        }
    }

    /// <summary>What this delta adds to <paramref name="key"/> and no write has settled yet (pending or being written).</summary>
    internal long Unwritten(PopulationCountKey key)
    {
        lock (_lock)
        {
            return _counts.GetValueOrDefault(key) + _writing.GetValueOrDefault(key);
        }
    }

    /// <summary>The pending counts, moved to "being written" until <see cref="Settled"/> says how their write ended.</summary>
    internal IReadOnlyList<(PopulationCountKey Key, long Delta)> Drain()
    {
        lock (_lock)
        {
            var pending = _counts.Select(c => (c.Key, c.Value)).ToList();
            foreach (var (key, delta) in pending)
            {
                _writing[key] = _writing.GetValueOrDefault(key) + delta;
            }

            _counts.Clear();
            return pending;
        }
    }

    /// <summary>Counts of <see cref="Drain"/> whose write is over: written (and cached as such), or given up.</summary>
    internal void Settled(IEnumerable<(PopulationCountKey Key, long Delta)> counts)
    {
        lock (_lock)
        {
            foreach (var (key, delta) in counts)
            {
                var left = _writing.GetValueOrDefault(key) - delta;
                if (left == 0)
                {
                    _writing.Remove(key);
                }
                else
                {
                    _writing[key] = left;
                }
            }
        }
    }
}
