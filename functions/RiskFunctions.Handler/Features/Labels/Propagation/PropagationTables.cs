using RiskFunctions.Storage;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Reputation;

namespace RiskFunctions.Handler.Features.Labels.Propagation;

/// <summary>
/// The tables propagation writes besides its own: a label can arrive before any action was reported on a fresh
/// deployment, so they are created (once per process) before the first propagation instead of assumed.
/// </summary>
public sealed class PropagationTables(RiskTables tables)
{
    public TableInitializer Initializer { get; } = new(tables, [.. ActionTables.All, .. ReputationTables.All]);
}
