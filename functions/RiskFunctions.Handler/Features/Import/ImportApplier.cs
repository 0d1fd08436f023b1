using RiskFunctions.Domain.Contract.Import;
using RiskFunctions.Handler.Features.Actions;
using RiskFunctions.Handler.Features.Labels;
using RiskFunctions.Handler.Features.Labels.Propagation;

namespace RiskFunctions.Handler.Features.Import;

/// <summary>
/// Applies a checked batch through exactly the services the ordinary endpoints use: <see cref="ActionRecorder"/>
/// (scored at the action's original time), <see cref="ActionResultRecorder"/>, and <see cref="LabelIntake"/>
/// followed by the label's propagation.
/// </summary>
/// <remarks>
/// Independent users run in parallel, each user's lines in order: between two labels, the action and result lines
/// are grouped by user (an action without a user is a group of its own, with the results naming it), and up to
/// <see cref="MaxParallelUsers"/> groups are applied at once, taken in the order of their first line. A label, and a
/// result naming an action of an earlier batch (its user is not known here), is applied alone, after everything
/// before it and before anything after it: a label reaches the entities' reputation before the actions that
/// happened after it are scored, as it did in the original history (propagation is idempotent, so the queued
/// message finds it done).
/// </remarks>
internal sealed class ImportApplier(
    ActionRecorder actionRecorder,
    ActionResultRecorder resultRecorder,
    LabelIntake labelIntake,
    LabelPropagator propagator)
{
    /// <summary>Users whose lines are applied at once.</summary>
    public const int MaxParallelUsers = 16;

    /// <summary>Applies <paramref name="steps"/>; the result of each, in order.</summary>
    /// <exception cref="ImportLineFailedException">
    /// A line could not be applied (it raced with another writer); the lines before it were, and lines of other users
    /// may have been.
    /// </exception>
    public async Task<IReadOnlyList<ImportLineResult>> ApplyAsync(
        string tenantId, string? clientId, IReadOnlyList<ImportStep> steps, CancellationToken cancellationToken)
    {
        var results = new ImportLineResult[steps.Count];
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var groupOfAction = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<List<int>>();
        for (var i = 0; i <= steps.Count; i++)
        {
            var key = i < steps.Count ? GroupOf(steps[i], groupOfAction) : null;
            if (key is not null)
            {
                if (!groups.TryGetValue(key, out var group))
                {
                    groups[key] = group = [];
                    order.Add(group);
                }

                group.Add(i);
                continue;
            }

            // A barrier (or the end): everything gathered so far first, then the barrier alone.
            await ApplyGroupsAsync(tenantId, clientId, steps, order, results, cancellationToken);
            groups.Clear();
            groupOfAction.Clear();
            order.Clear();
            if (i < steps.Count)
            {
                results[i] = await ApplyStepAsync(tenantId, clientId, steps[i], cancellationToken);
            }
        }

        return results;
    }

    /// <summary>The group a step runs in (its user's, or its action's), or <c>null</c> for a step that must run alone.</summary>
    private static string? GroupOf(ImportStep step, Dictionary<string, string> groupOfAction)
    {
        switch (step)
        {
            case ImportActionStep action:
                var user = action.Request.UserId ?? action.Request.ClaimedUserId;
                var key = user is null ? "action\n" + action.ActionToken : "user\n" + user;
                groupOfAction[action.ActionToken] = key;
                return key;
            case ImportResultStep result:
                return groupOfAction.GetValueOrDefault(result.ActionToken);
            default:
                return null;
        }
    }

    private async Task ApplyGroupsAsync(
        string tenantId, string? clientId, IReadOnlyList<ImportStep> steps, List<List<int>> groups, ImportLineResult[] results, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelUsers, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(groups, options, async (group, token) =>
        {
            foreach (var i in group)
            {
                results[i] = await ApplyStepAsync(tenantId, clientId, steps[i], token);
            }
        });
    }

    private Task<ImportLineResult> ApplyStepAsync(string tenantId, string? clientId, ImportStep step, CancellationToken cancellationToken) => step switch
    {
        ImportActionStep action => ApplyActionAsync(tenantId, clientId, action, cancellationToken),
        ImportResultStep result => ApplyResultAsync(tenantId, result, cancellationToken),
        ImportLabelStep label => ApplyLabelAsync(tenantId, label, cancellationToken),
        _ => throw new InvalidOperationException($"Unknown import step {step.GetType().Name}."),
    };

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
