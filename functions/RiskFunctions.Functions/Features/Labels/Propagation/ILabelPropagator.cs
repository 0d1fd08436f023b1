namespace RiskFunctions.Functions.Features.Labels.Propagation;

/// <summary>What a propagation delivery does with storage (<see cref="LabelPropagator"/>); the runner's seam.</summary>
public interface ILabelPropagator
{
    /// <summary>Marks the label's actions and updates reputation; safe to repeat.</summary>
    Task<PropagationOutcome> PropagateAsync(string tenantId, string labelId, CancellationToken cancellationToken);

    /// <summary>Records that the label's propagation was given up.</summary>
    Task MarkFailedAsync(string tenantId, string labelId, string reason, CancellationToken cancellationToken);
}
