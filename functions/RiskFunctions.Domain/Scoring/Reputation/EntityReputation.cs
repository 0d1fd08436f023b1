namespace RiskFunctions.Domain.Scoring.Reputation;

/// <summary>
/// The label-driven reputation of one entity: the standing of its newest label, and how many distinct
/// fraud and legit labels it has received. Immutable; <see cref="WithLabel"/> returns the next state.
/// </summary>
public sealed record EntityReputation
{
    /// <summary>How many recently applied label ids are remembered to make re-application a no-op.</summary>
    public const int RecentLabelCapacity = 16;

    public static EntityReputation Clean { get; } = new();

    public ReputationStanding Standing { get; init; }

    /// <summary>The id of the label that set <see cref="Standing"/>.</summary>
    public string? LabelId { get; init; }

    /// <summary>The timestamp of the label that set <see cref="Standing"/>.</summary>
    public DateTimeOffset? LabeledAt { get; init; }

    /// <summary>Distinct fraud labels (confirmed, suspected, takeover) ever applied.</summary>
    public int FraudLabels { get; init; }

    /// <summary>Distinct legit labels ever applied.</summary>
    public int LegitLabels { get; init; }

    /// <summary>Ids of the most recently applied labels, newest first.</summary>
    public IReadOnlyList<string> RecentLabelIds { get; init; } = [];

    /// <summary>
    /// Whether <see cref="RecentLabelIds"/> still names every label ever applied (it has never been full), so a label
    /// it does not name is new. Once it is full, recognising an older label takes a record kept elsewhere.
    /// </summary>
    public bool RemembersEveryLabel => RecentLabelIds.Count < RecentLabelCapacity;

    /// <summary>Whether the standing speaks against the entity.</summary>
    public bool IsNegative => Standing is ReputationStanding.ConfirmedFraud or ReputationStanding.SuspectedFraud or ReputationStanding.Takeover;

    /// <summary>
    /// The reputation after <paramref name="label"/>. Re-applying a remembered label returns this instance
    /// unchanged. An older label than the current one is counted but does not change the standing; on a
    /// timestamp tie the larger label id wins, so the order of delivery never matters.
    /// </summary>
    public EntityReputation WithLabel(ReputationLabel label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (label.Standing == ReputationStanding.None)
        {
            throw new ArgumentException("A label must carry a standing.", nameof(label));
        }

        if (RecentLabelIds.Contains(label.LabelId, StringComparer.Ordinal) || string.Equals(label.LabelId, LabelId, StringComparison.Ordinal))
        {
            return this;
        }

        var newer = LabeledAt is not { } current
            || label.LabeledAt > current
            || (label.LabeledAt == current && string.CompareOrdinal(label.LabelId, LabelId) > 0);

        var recent = new List<string>(RecentLabelCapacity) { label.LabelId };
        recent.AddRange(RecentLabelIds.Take(RecentLabelCapacity - 1));
        return this with
        {
            Standing = newer ? label.Standing : Standing,
            LabelId = newer ? label.LabelId : LabelId,
            LabeledAt = newer ? label.LabeledAt : LabeledAt,
            FraudLabels = FraudLabels + (IsFraud(label.Standing) ? 1 : 0),
            LegitLabels = LegitLabels + (label.Standing == ReputationStanding.ConfirmedLegit ? 1 : 0),
            RecentLabelIds = recent,
        };
    }

    private static bool IsFraud(ReputationStanding standing) =>
        standing is ReputationStanding.ConfirmedFraud or ReputationStanding.SuspectedFraud or ReputationStanding.Takeover;
}
