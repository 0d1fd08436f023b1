using RiskFunctions.Learning;

namespace RiskFunctions.Functions.Features.Models;

/// <summary>What one training of a tenant's model came to.</summary>
public enum TrainingStatus
{
    /// <summary>A new model was stored and is now the tenant's current one.</summary>
    Trained,

    /// <summary>Too few labeled actions, or too few of one class in a slice: nothing stored.</summary>
    NotEnoughLabels,

    /// <summary>The new model ranked the newest labeled actions worse than the current one (or no better than chance): the current one stays.</summary>
    NotBetter,

    /// <summary>No label arrived since the current model was trained (a scheduled run only): nothing to learn.</summary>
    Unchanged,

    /// <summary>Another instance holds the tenant's training lock.</summary>
    Busy,
}

/// <summary>The outcome of training a tenant's model.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Model">The new model when <see cref="TrainingStatus.Trained"/>, else <c>null</c>.</param>
/// <param name="Reason">Why not, for the other statuses.</param>
public sealed record TrainingOutcome(TrainingStatus Status, TreeEnsembleModel? Model = null, string? Reason = null);
