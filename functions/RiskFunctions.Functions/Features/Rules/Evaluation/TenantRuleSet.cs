using RiskFunctions.Domain.Rules.Engine;

namespace RiskFunctions.Functions.Features.Rules.Evaluation;

/// <summary>
/// One tenant's compiled rules on this instance: the rule-set version they were compiled from, when that version
/// was last confirmed current, and the hits counted against them since the last flush (one slot per rule rank, so
/// counting is an interlocked increment, never an allocation or a lookup).
/// </summary>
internal sealed class TenantRuleSet
{
    /// <summary>The rank of a rule the evaluation did not report (nothing to count).</summary>
    private const int NotReported = -1;

    /// <summary>The rank of a reported rule these rules no longer hold at its revision.</summary>
    private const int Absent = -2;

    private readonly long[] _productionHits;
    private readonly long[] _previewHits;
    private readonly long[] _lastHitTicks;
    private long _checkedAt;
    private long _lastUsed;
    private long _retryAt;
    private volatile bool _mustRevalidate;

    public TenantRuleSet(string tenantId, long version, CompiledRuleSet rules, long checkedAt)
    {
        TenantId = tenantId;
        Version = version;
        Rules = rules;
        _checkedAt = checkedAt;
        _lastUsed = checkedAt;
        _productionHits = new long[rules.Rules.Count];
        _previewHits = new long[rules.Rules.Count];
        _lastHitTicks = new long[rules.Rules.Count];
    }

    public string TenantId { get; }

    /// <summary>The tenant's rule-set version the rules were compiled from.</summary>
    public long Version { get; }

    public CompiledRuleSet Rules { get; }

    /// <summary>Timestamp (<see cref="TimeProvider.GetTimestamp"/>) from before the last read that confirmed <see cref="Version"/>.</summary>
    public long CheckedAt => Interlocked.Read(ref _checkedAt);

    public long LastUsed => Interlocked.Read(ref _lastUsed);

    /// <summary>Timestamp before which a failed check is not repeated.</summary>
    public long RetryAt => Interlocked.Read(ref _retryAt);

    /// <summary>Set when a change may have been missed: the next evaluation checks the version first.</summary>
    public bool MustRevalidate => _mustRevalidate;

    /// <summary>Holds the in-flight version check, so concurrent evaluations share one read.</summary>
    public Task<TenantRuleSet>? Revalidation { get; set; }

    public Lock Gate { get; } = new();

    public void Confirm(long checkedAt)
    {
        Interlocked.Exchange(ref _checkedAt, checkedAt);
        _mustRevalidate = false;
    }

    public void DeferRetry(long retryAt) => Interlocked.Exchange(ref _retryAt, retryAt);

    public void RequireRevalidation() => _mustRevalidate = true;

    /// <summary>
    /// Notes a use. Written at most once per <paramref name="resolution"/> (in timestamp ticks): eviction needs
    /// minutes of precision, and a write per evaluation would make every core fight over one cache line.
    /// </summary>
    public void Touch(long now, long resolution)
    {
        if (now - Interlocked.Read(ref _lastUsed) > resolution)
        {
            Interlocked.Exchange(ref _lastUsed, now);
        }
    }

    /// <summary>
    /// Counts the rules an evaluation reported, and returns whether it could: an evaluation made against these rules,
    /// or against rules they replaced in which its rules were the same (another rule of the tenant changed meanwhile).
    /// One whose rule changed or went since is not counted: its hit belongs to a revision no longer counted.
    /// </summary>
    public bool TryRecord(RuleEvaluation evaluation, long nowTicks)
    {
        var production = RankOf(evaluation.Production);
        var preview = RankOf(evaluation.Preview);
        if (production == Absent || preview == Absent)
        {
            return false;
        }

        Count(_productionHits, production, nowTicks);
        Count(_previewHits, preview, nowTicks);
        return true;
    }

    /// <summary>
    /// The rank here of a reported rule: its own when these are the rules it was compiled in (the usual case, no search),
    /// else the rank of the same rule at the same revision; <see cref="Absent"/> when there is none.
    /// </summary>
    private int RankOf(CompiledRule? rule)
    {
        if (rule is null)
        {
            return NotReported;
        }

        if (rule.Rank < Rules.Rules.Count && ReferenceEquals(Rules.Rules[rule.Rank], rule))
        {
            return rule.Rank;
        }

        for (var rank = 0; rank < Rules.Rules.Count; rank++)
        {
            if (string.Equals(Rules.Rules[rank].Id, rule.Id, StringComparison.Ordinal) && Rules.Rules[rank].Revision == rule.Revision)
            {
                return rank;
            }
        }

        return Absent;
    }

    private void Count(long[] hits, int rank, long nowTicks)
    {
        if (rank >= 0)
        {
            Interlocked.Increment(ref hits[rank]);
            Interlocked.Exchange(ref _lastHitTicks[rank], nowTicks);
        }
    }

    /// <summary>Takes the counts gathered since the last call (and zeroes them) for the rules that have any.</summary>
    public IEnumerable<(CompiledRule Rule, long Production, long Preview, long LastHitTicks)> TakeHits()
    {
        for (var rank = 0; rank < _productionHits.Length; rank++)
        {
            var production = Interlocked.Exchange(ref _productionHits[rank], 0);
            var preview = Interlocked.Exchange(ref _previewHits[rank], 0);
            if (production != 0 || preview != 0)
            {
                yield return (Rules.Rules[rank], production, preview, Interlocked.Read(ref _lastHitTicks[rank]));
            }
        }
    }
}
