using RiskFunctions.Domain.Scoring;

namespace RiskFunctions.Benchmarks.Learning;

/// <summary>One action of an offline replay, with its label and when the label became known.</summary>
/// <param name="Ref">Unique reference.</param>
/// <param name="Facts">The action as the engine would see it after enrichment.</param>
/// <param name="IsFraud">The truth; <c>null</c> when the data leaves it unlabeled.</param>
/// <param name="LabeledAt">When a label would reach the tenant.</param>
/// <param name="Group">The data set or the synthetic fraud pattern (<c>legit</c> for legitimate synthetic actions).</param>
internal sealed record EngineEvent(string Ref, ActionFacts Facts, bool? IsFraud, DateTimeOffset LabeledAt, string Group);

/// <summary>What the replay recorded for one action: the inputs as they were when it arrived, and both models' view.</summary>
internal sealed record ReplayedAction(EngineEvent Event, float[] Features, double HandTunedScore, bool LabelFed);
