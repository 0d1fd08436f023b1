using RiskFunctions.Domain.FraudRings;

namespace RiskFunctions.Storage.FraudRings;

/// <summary>
/// The graph around a maintenance run's new edges once they are recorded: who used each of their identifiers and what
/// each of their users used (the new edges with their exact times), and how many of their users the graph had never seen.
/// </summary>
public sealed record RingGraphUpdate(
    IReadOnlyDictionary<LinkEntity, IReadOnlyList<RingEdge>> UsersOf,
    IReadOnlyDictionary<string, IReadOnlyList<RingEdge>> EntitiesOf,
    int NewUsers);
