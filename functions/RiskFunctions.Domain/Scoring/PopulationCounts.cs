namespace RiskFunctions.Domain.Scoring;

/// <summary>
/// Tenant-wide counts for the feature values of one action: how many profile-building actions of all the
/// tenant's users carried each of them, the totals of the root kinds, and the tenant's action and user
/// totals. Storage reads exactly these figures for the action being scored.
/// </summary>
public sealed class PopulationCounts
{
    private readonly long[] _values = new long[FeatureKinds.Count];
    private readonly long[] _totals = new long[FeatureKinds.Count];

    /// <summary>Profile-building actions of the whole tenant.</summary>
    public long TotalActions { get; set; }

    /// <summary>Users of the tenant with a profile.</summary>
    public long TotalUsers { get; set; }

    /// <summary>Tenant-wide count of this action's value of <paramref name="kind"/>.</summary>
    public long Value(FeatureKind kind) => _values[(int)kind];

    /// <summary>Tenant-wide count of actions carrying the root kind <paramref name="kind"/>.</summary>
    public long Total(FeatureKind kind) => _totals[(int)kind];

    public PopulationCounts SetValue(FeatureKind kind, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _values[(int)kind] = count;
        return this;
    }

    public PopulationCounts SetTotal(FeatureKind kind, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _totals[(int)kind] = count;
        return this;
    }
}
