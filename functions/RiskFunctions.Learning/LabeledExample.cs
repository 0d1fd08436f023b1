namespace RiskFunctions.Learning;

/// <summary>One labeled action as the model saw it when it was scored.</summary>
/// <param name="Features">The feature vector, indexed by <c>RiskFeature</c>.</param>
/// <param name="IsFraud">The label: fraud (confirmed, suspected or takeover) or legitimate.</param>
/// <param name="OccurredAt">When the action happened: the split is by this time, never random.</param>
public sealed record LabeledExample(float[] Features, bool IsFraud, DateTimeOffset OccurredAt);
