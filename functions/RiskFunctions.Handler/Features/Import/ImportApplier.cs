using RiskFunctions.Domain.Contract.Import;
using RiskFunctions.Handler.Features.Actions;
using RiskFunctions.Handler.Features.Labels;
using RiskFunctions.Handler.Features.Labels.Propagation;

namespace RiskFunctions.Handler.Features.Import;

/// <summary>
/// Applies a checked batch line by line, in order, through exactly the services the ordinary endpoints use:
/// <see cref="ActionRecorder"/> (scored at the action's original time), <see cref="ActionResultRecorder"/>,
/// and <see cref="LabelIntake"/> followed by the label's propagation. Propagation runs before the next line
/// (the propagator is idempotent, so the queued message finds it done): a label reaches the entities'
/// reputation before the actions that happened after it are scored, as it did in the original history.
/// </summary>
internal sealed class ImportApplier(
    ActionRecorder actionRecorder,
    ActionResultRecorder resultRecorder,
    LabelIntake labelIntake,
    LabelPropagator propagator)
{
    /// <summary>Applies <paramref name="steps"/>; the result of each, in order.</summary>
    /// <exception cref="ImportLineFailedException">A line could not be applied (it raced with another writer); the lines before it were.</exception>
    public async Task<IReadOnlyList<ImportLineResult>> ApplyAsync(
        string tenantId, string? clientId, IReadOnlyList<ImportStep> steps, CancellationToken cancellationToken)
    {
        var results = new List<ImportLineResult>(steps.Count);
        foreach (var step in steps)
        {
            results.Add(step switch
            {
                ImportActionStep action => await ApplyActionAsync(tenantId, clientId, action, cancellationToken),
                ImportResultStep result => await ApplyResultAsync(tenantId, result, cancellationToken),
                ImportLabelStep label => await ApplyLabelAsync(tenantId, label, cancellationToken),
                _ => throw new InvalidOperationException($"Unknown import step {step.GetType().Name}."),
            });
        }

        return results;
    }

    private async Task<ImportLineResult> ApplyActionAsync(string tenantId, string? clientId, ImportActionStep step, CancellationToken cancellationToken)
    {
        // A token derived from the ref: re-importing the line answers with the action stored the first time.
        var recommendation = await actionRecorder.RecordAsync(
            tenantId, clientId, step.Request, step.ActionToken, step.Entry.OccurredAt, tokenIsDerived: true, cancellationToken);
        return Result(step, step.ActionToken) with
        {
            RiskScore = recommendation.RiskScore,
            Recommendation = recommendation.Recommendation.Type,
        };
    }

    private async Task<ImportLineResult> ApplyResultAsync(string tenantId, ImportResultStep step, CancellationToken cancellationToken)
    {
        var outcome = await resultRecorder.RecordAsync(tenantId, step.ActionToken, step.Request, step.Entry.OccurredAt, cancellationToken);
        return outcome.Status switch
        {
            ActionResultStatus.Recorded => Result(step, step.ActionToken),
            ActionResultStatus.UserConflict => throw new ImportLineFailedException(step.Entry, "result.user_id", outcome.Problem!, StatusCodes.Status400BadRequest),
            ActionResultStatus.NotFound => throw new ImportLineFailedException(step.Entry, "ref", outcome.Problem!, StatusCodes.Status409Conflict),
            _ => throw new ImportLineFailedException(step.Entry, "ref", outcome.Problem!, StatusCodes.Status409Conflict),
        };
    }

    private async Task<ImportLineResult> ApplyLabelAsync(string tenantId, ImportLabelStep step, CancellationToken cancellationToken)
    {
        var accepted = await labelIntake.AcceptAsync(tenantId, step.Label, cancellationToken);
        await propagator.PropagateAsync(tenantId, accepted.Label.Label.LabelId, cancellationToken);
        return Result(step, step.ActionToken) with { LabelId = accepted.Label.Label.LabelId };
    }

    private static ImportLineResult Result(ImportStep step, string? actionToken) => new()
    {
        Line = step.Entry.Line,
        Type = step.Entry.Value.Type!.Value,
        Ref = step.Entry.Value.Ref,
        ActionToken = actionToken,
    };
}

/// <summary>A checked line that could not be applied; the lines before it were, and re-posting the batch is safe.</summary>
internal sealed class ImportLineFailedException(Domain.Import.ImportEntry entry, string field, string problem, int statusCode)
    : Exception($"Import line {entry.Line} failed: {field}: {problem}")
{
    public Domain.Import.ImportEntry Entry { get; } = entry;

    public string Field { get; } = field;

    public string Problem { get; } = problem;

    public int StatusCode { get; } = statusCode;
}
