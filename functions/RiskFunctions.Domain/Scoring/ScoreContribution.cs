namespace RiskFunctions.Domain.Scoring;

/// <summary>
/// One term of an action's score, in log-odds (nats). The contributions of an assessment add up
/// exactly to its <see cref="RiskAssessment.LogOdds"/>, so every point of the score is explained.
/// </summary>
/// <param name="Factor">The model term.</param>
/// <param name="LogOdds">What the term added (positive: riskier) after weighting and capping.</param>
/// <param name="Observed">
/// The measurement behind the term: the likelihood ratio for profile terms, the count for velocity terms,
/// the ratio or 1 for flags.
/// </param>
/// <param name="Reason">
/// The reason code the term reports when it raises risk enough to be named; <see cref="ReasonCode.None"/> otherwise.
/// </param>
public readonly record struct ScoreContribution(ScoreFactor Factor, double LogOdds, double Observed, ReasonCode Reason);
