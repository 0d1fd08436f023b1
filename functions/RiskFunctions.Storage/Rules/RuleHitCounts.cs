namespace RiskFunctions.Storage.Rules;

/// <summary>How often one revision of a rule decided a recommendation or was reported as the preview rule.</summary>
/// <param name="Revision">The rule revision the counts belong to; counts of older revisions are not kept.</param>
/// <param name="ProductionHits">Actions whose recommendation the rule decided (production mode).</param>
/// <param name="PreviewHits">Actions for which the rule was the <c>preview_rule</c> (preview mode).</param>
/// <param name="LastHitAt">When the last counted hit happened, if any.</param>
public sealed record RuleHitCounts(long Revision, long ProductionHits, long PreviewHits, DateTimeOffset? LastHitAt)
{
    public static RuleHitCounts None(long revision) => new(revision, 0, 0, null);

    /// <summary>These counts plus more of the same revision; the later of the two last-hit times.</summary>
    public RuleHitCounts Add(long production, long preview, DateTimeOffset? lastHitAt) => new(
        Revision,
        ProductionHits + production,
        PreviewHits + preview,
        lastHitAt is null || (LastHitAt is { } last && last >= lastHitAt) ? LastHitAt : lastHitAt);
}
