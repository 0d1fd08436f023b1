namespace RiskFunctions.Storage.Actions;

/// <summary>A label as recorded on an action it affects.</summary>
/// <param name="LabelId">The label's id.</param>
/// <param name="LabelType">The label type as stored (e.g. <c>CONFIRMED_FRAUD</c>).</param>
/// <param name="LabeledAt">The label's timestamp: of two labels the newer one stays on the action.</param>
public sealed record ActionLabelMark(string LabelId, string LabelType, DateTimeOffset LabeledAt)
{
    /// <summary>
    /// Whether this mark replaces the one an action carries (none, or older; on a timestamp tie the larger
    /// label id wins, so the order in which labels arrive never changes the outcome).
    /// </summary>
    public bool Supersedes(string? existingLabelId, DateTimeOffset? existingLabeledAt) =>
        existingLabeledAt is not { } at
        || LabeledAt > at
        || (LabeledAt == at && string.CompareOrdinal(LabelId, existingLabelId) > 0);
}
