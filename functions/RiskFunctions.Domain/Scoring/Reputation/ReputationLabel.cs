namespace RiskFunctions.Domain.Scoring.Reputation;

/// <summary>One label as it bears on an entity's reputation.</summary>
/// <param name="LabelId">The label's id; applying the same label twice changes nothing.</param>
/// <param name="Standing">What the label says (<see cref="ReputationStanding.None"/> is not a label).</param>
/// <param name="LabeledAt">The label's own timestamp; it decides which of two labels is newer.</param>
public sealed record ReputationLabel(string LabelId, ReputationStanding Standing, DateTimeOffset LabeledAt);
