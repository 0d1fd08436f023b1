namespace RiskFunctions.Functions.Features.Labels;

/// <summary>
/// A feature that records its own state before the label it implies (a Lithic fraud report is written, then its
/// label), so a process stopping in between leaves a label not yet accepted. The outbox relay asks every source
/// to accept such labels before it relays pending ones.
/// </summary>
public interface IPendingLabelSource
{
    /// <summary>Accepts the labels still missing for state written before <paramref name="writtenBefore"/>; returns how many.</summary>
    Task<int> AcceptMissingLabelsAsync(DateTimeOffset writtenBefore, CancellationToken cancellationToken);
}
