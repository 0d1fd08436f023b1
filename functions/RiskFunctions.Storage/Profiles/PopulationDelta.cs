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
    private readonly Dictionary<(string PartitionKey, string RowPrefix), long> _counts = [];

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
            foreach (var (partitionKey, rowPrefix) in PopulationRepository.CountsOf(TenantId, update))
            {
                _counts[(partitionKey, rowPrefix)] = _counts.GetValueOrDefault((partitionKey, rowPrefix)) + 1;
            }
        }
    }

    /// <summary>The pending counts, and empties the delta.</summary>
    internal IReadOnlyList<(string PartitionKey, string RowPrefix, long Delta)> Drain()
    {
        lock (_lock)
        {
            var pending = _counts.Select(c => (c.Key.PartitionKey, c.Key.RowPrefix, c.Value)).ToList();
            _counts.Clear();
            return pending;
        }
    }
}
