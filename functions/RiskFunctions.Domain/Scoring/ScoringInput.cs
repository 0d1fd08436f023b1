using RiskFunctions.Domain.Scoring.Learning;
using RiskFunctions.Domain.Scoring.Reputation;

namespace RiskFunctions.Domain.Scoring;

/// <summary>Everything the model reads to score one action. The same input always gives the same assessment.</summary>
/// <param name="Action">The validated, enriched action.</param>
/// <param name="Features">The action's feature keys (<see cref="FeatureKeys.From"/>).</param>
/// <param name="Profile">The trusted history of <see cref="ActionFacts.UserId"/>; empty or <c>null</c> for an unknown or anonymous user.</param>
/// <param name="Population">Tenant-wide counts of the action's feature values.</param>
/// <param name="History">Velocity and linking counts.</param>
/// <param name="Reputation">Label-driven reputation of the entities involved.</param>
/// <param name="Learning">Counts only a learned model reads; zero where the caller does not compute them.</param>
public readonly record struct ScoringInput(
    ActionFacts Action,
    ActionFeatures Features,
    UserProfile? Profile,
    PopulationCounts Population,
    HistoryCounts History,
    ReputationSnapshot Reputation,
    LearningSignals Learning = default);
