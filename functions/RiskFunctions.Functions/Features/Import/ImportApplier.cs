using System.Collections.Concurrent;
using RiskFunctions.Domain.Contract.Import;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Functions.Features.Actions;
using RiskFunctions.Functions.Features.Labels;
using RiskFunctions.Functions.Features.Labels.Propagation;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Activity;
using RiskFunctions.Storage.Profiles;

namespace RiskFunctions.Functions.Features.Import;

/// <summary>
/// Applies a checked batch through exactly the services the ordinary endpoints use: <see cref="ActionRecorder"/>
/// (scored at the action's original time), <see cref="ActionResultRecorder"/>, and <see cref="LabelIntake"/>
/// followed by the label's propagation. Lines are scheduled by <see cref="ImportSchedule"/>: a label is a barrier
/// (everything before it applied first; its propagation done before any later line, so later actions are scored with
/// the reputation it gave; the propagator is idempotent, so the queued message finds it done), and between labels the
/// lines of independent users and devices run in parallel, each group in order (a result after its action, a user's
/// actions and results in time order). The action rows of the lines between two labels and their recent-activity rows
/// are written at once when the segment ends (<see cref="ImportSession"/>), after the index and subject states of their
/// actions; the population increments of the batch's results are gathered and written at once when the batch ends
/// (<see cref="PopulationDelta"/>); within the segment, a group's lines start from the profile and states its earlier
/// lines read or wrote.
/// </summary>
internal sealed class ImportApplier(
    ActionRecorder actionRecorder,
    ActionResultRecorder resultRecorder,
    LabelIntake labelIntake,
    LabelPropagator propagator,
    PopulationRepository population,
    ActionRepository actions,
    SubjectStateRepository subjects,
    ActivityFeed activity,
    BoundActionLabels boundLabels,
    TimeProvider time)
{
    /// <summary>Groups of lines applied at once.</summary>
    public const int Concurrency = 8;

    /// <summary>Applies <paramref name="steps"/>; the result of each, in order.</summary>
    /// <param name="tenantId">The caller's tenant.</param>
    /// <param name="clientId">The calling client.</param>
    /// <param name="steps">The checked batch.</param>
    /// <param name="progress">Counts the lines applied, as they are.</param>
    /// <param name="cancellationToken">Cancels storage calls.</param>
    /// <exception cref="ImportLineFailedException">
    /// A line could not be applied (it raced with another writer); <see cref="ImportLineFailedException.Applied"/>
    /// lists the lines that were.
    /// </exception>
    public async Task<IReadOnlyList<ImportLineResult>> ApplyAsync(
        string tenantId, string? clientId, IReadOnlyList<ImportStep> steps, ImportProgress? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var results = new ImportLineResult?[steps.Count];
        var delta = new PopulationDelta();
        var session = new ImportSession(tenantId, actions, subjects, activity, boundLabels, time);
        ImportLineFailedException? failure = null;
        try
        {
            foreach (var segment in ImportSchedule.Segments(steps))
            {
                try
                {
                    await Parallel.ForEachAsync(
                        segment,
                        new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
                        async (group, _) =>
                        {
                            foreach (var index in group)
                            {
                                if (Volatile.Read(ref failure) is not null)
                                {
                                    // Another group's line failed: lines not started stay unapplied (posting the batch again is safe).
                                    return;
                                }

                                try
                                {
                                    // Not the loop's token: a line that started is finished, never cut off by another line's failure.
                                    results[index] = await ApplyStepAsync(tenantId, clientId, steps[index], delta, session, cancellationToken);
                                    progress?.LineApplied();
                                }
                                catch (ImportLineFailedException failed)
                                {
                                    Interlocked.CompareExchange(ref failure, failed, null);
                                    return;
                                }
                            }
                        });
                }
                finally
                {
                    // Whatever was applied is stored, also when a line failed; before the next label, which reads it.
                    var refused = await StoreSegmentAsync(tenantId, steps, segment, results, session, delta);
                    failure ??= refused;
                }

                if (failure is not null)
                {
                    throw failure.WithApplied([.. results.OfType<ImportLineResult>()]);
                }
            }
        }
        finally
        {
            // Whatever was applied counts in the population, also when a line failed. Once per batch, not per segment: no
            // label reads the population, and a batch whose labels split it into many segments would otherwise write every
            // touched population row once per segment.
            await population.ApplyAsync(delta, CancellationToken.None);
        }

        return results!;
    }

    /// <summary>
    /// Writes the segment's kept-back rows. An action that was stored already (by a concurrent post of the same refs,
    /// since its line looked for it) stands, as on the live path: it is listed again under its subjects (idempotent)
    /// with what it was stored with, the segment's results of it are recorded on it (its profile feed, done already, is
    /// not counted again; its recent-activity row, which the session leaves as it is, gets the result by a merge), and
    /// its line answers with the stored recommendation. A result the stored action refuses (it names another user than
    /// the one the action was stored with or bound to) fails its line as outside the race; that line and the action's
    /// later results in the segment are not applied, and none of them is answered as imported.
    /// </summary>
    /// <returns>The failure of the first line a stored action refused, or <c>null</c>.</returns>
    private async Task<ImportLineFailedException?> StoreSegmentAsync(
        string tenantId,
        IReadOnlyList<ImportStep> steps,
        IReadOnlyList<IReadOnlyList<int>> segment,
        ImportLineResult?[] results,
        ImportSession session,
        PopulationDelta delta)
    {
        var existing = await session.FlushAsync(CancellationToken.None);
        if (existing.Count == 0)
        {
            return null;
        }

        var linesOf = segment.SelectMany(group => group).Order().ToLookup(index => ActionTokenOf(steps[index]), StringComparer.Ordinal);
        var refused = new ConcurrentBag<ImportLineFailedException>();
        await Parallel.ForEachAsync(
            existing,
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (actionToken, _) =>
            {
                var stored = await actions.GetAsync(tenantId, actionToken, CancellationToken.None)
                    ?? throw new InvalidOperationException("An action reported as existing could not be read.");
                await subjects.RecordAsync(stored, cancellationToken: CancellationToken.None);

                // The action was kept back by its line, so the results the segment recorded on the kept-back copy are the
                // applied result lines after it, in line order (its group applies them in order).
                var lines = linesOf[actionToken].ToList();
                var actionLine = lines.First(index => steps[index] is ImportActionStep);
                var resultLines = lines.Where(index => index > actionLine && steps[index] is ImportResultStep && results[index] is not null).ToList();
                for (var i = 0; i < resultLines.Count; i++)
                {
                    var step = (ImportResultStep)steps[resultLines[i]];
                    var outcome = await resultRecorder.RecordAsync(tenantId, actionToken, step.Request, step.Entry.OccurredAt, CancellationToken.None, delta);
                    if (outcome.Status != ActionResultStatus.Recorded)
                    {
                        // As a refused line outside the race: it fails, and the later lines of its action are not applied.
                        refused.Add(Refused(step, outcome));
                        foreach (var notApplied in resultLines.Skip(i))
                        {
                            results[notApplied] = null;
                        }

                        break;
                    }
                }

                if (results[actionLine] is { } line)
                {
                    var recommendation = RecommendationCampaignOverlay.Apply(stored);
                    results[actionLine] = line with { RiskScore = recommendation.RiskScore, Recommendation = recommendation.Recommendation.Type };
                }
            });
        return refused.MinBy(failed => failed.Entry.Line);
    }

    private static string? ActionTokenOf(ImportStep step) => step switch
    {
        ImportActionStep action => action.ActionToken,
        ImportResultStep result => result.ActionToken,
        _ => null,
    };

    private Task<ImportLineResult> ApplyStepAsync(
        string tenantId, string? clientId, ImportStep step, PopulationDelta delta, ImportSession session, CancellationToken cancellationToken) =>
        step switch
        {
            ImportActionStep action => ApplyActionAsync(tenantId, clientId, action, session, cancellationToken),
            ImportResultStep result => ApplyResultAsync(tenantId, result, delta, session, cancellationToken),
            ImportLabelStep label => ApplyLabelAsync(tenantId, label, cancellationToken),
            _ => throw new InvalidOperationException($"Unknown import step {step.GetType().Name}."),
        };

    private async Task<ImportLineResult> ApplyActionAsync(
        string tenantId, string? clientId, ImportActionStep step, ImportSession session, CancellationToken cancellationToken)
    {
        // A token derived from the ref: re-importing the line answers with the action stored the first time (found when
        // the segment's rows are written).
        var recommendation = await actionRecorder.RecordAsync(
            tenantId, clientId, step.Request, step.ActionToken, step.Entry.OccurredAt, tokenIsDerived: true, cancellationToken, session);
        return Result(step, step.ActionToken) with
        {
            RiskScore = recommendation.RiskScore,
            Recommendation = recommendation.Recommendation.Type,
        };
    }

    private async Task<ImportLineResult> ApplyResultAsync(
        string tenantId, ImportResultStep step, PopulationDelta delta, ImportSession session, CancellationToken cancellationToken)
    {
        var outcome = await resultRecorder.RecordAsync(tenantId, step.ActionToken, step.Request, step.Entry.OccurredAt, cancellationToken, delta, session);
        return outcome.Status == ActionResultStatus.Recorded ? Result(step, step.ActionToken) : throw Refused(step, outcome);
    }

    /// <summary>
    /// The failure of a result line whose result was refused: 400 for a user other than the action's, 409 for an action
    /// not found or changing under other writers.
    /// </summary>
    private static ImportLineFailedException Refused(ImportResultStep step, ActionResultOutcome outcome) =>
        outcome.Status == ActionResultStatus.UserConflict
            ? new ImportLineFailedException(step.Entry, "result.user_id", outcome.Problem!, StatusCodes.Status400BadRequest)
            : new ImportLineFailedException(step.Entry, "ref", outcome.Problem!, StatusCodes.Status409Conflict);

    private async Task<ImportLineResult> ApplyLabelAsync(string tenantId, ImportLabelStep step, CancellationToken cancellationToken)
    {
        var (stored, replayed) = await labelIntake.StoreAsync(tenantId, step.Label, cancellationToken);
        if (replayed && !SameLabel(stored.Label, step.Label))
        {
            // The id comes from the line's ref: an earlier batch stored another label under it, which stands.
            throw new ImportLineFailedException(
                step.Entry, "ref", "was already imported with a different label: each label needs its own ref", StatusCodes.Status409Conflict);
        }

        await propagator.PropagateAsync(stored, cancellationToken);
        return Result(step, step.ActionToken) with { LabelId = stored.Label.LabelId };
    }

    /// <summary>
    /// Whether a label stored under the line's id is the line's label: what the live endpoint compares on a retry, and
    /// the time, which the line gives (a ref-less line's id comes from its whole content, time included).
    /// </summary>
    private static bool SameLabel(Label stored, Label line) => LabelIdempotency.SameRequest(stored, line) && stored.LabeledAt == line.LabeledAt;

    private static ImportLineResult Result(ImportStep step, string? actionToken) => new()
    {
        Line = step.Entry.Line,
        Type = step.Entry.Value.Type!.Value,
        Ref = step.Entry.Value.Ref,
        ActionToken = actionToken,
    };
}

/// <summary>A checked line that could not be applied; <see cref="Applied"/> were, and re-posting the batch is safe.</summary>
internal sealed class ImportLineFailedException(Domain.Import.ImportEntry entry, string field, string problem, int statusCode)
    : Exception($"Import line {entry.Line} failed: {field}: {problem}")
{
    public Domain.Import.ImportEntry Entry { get; } = entry;

    public string Field { get; } = field;

    public string Problem { get; } = problem;

    public int StatusCode { get; } = statusCode;

    /// <summary>The lines of the batch that were applied, in order.</summary>
    public IReadOnlyList<ImportLineResult> Applied { get; private init; } = [];

    public ImportLineFailedException WithApplied(IReadOnlyList<ImportLineResult> applied) =>
        new(Entry, Field, Problem, StatusCode) { Applied = applied };
}
