using System.Globalization;
using RiskFunctions.Domain.Actions;
using RiskFunctions.Domain.Contract.Import;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Import;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Domain.Validation;
using RiskFunctions.Functions.Features.Actions;
using RiskFunctions.Storage.Actions;

namespace RiskFunctions.Functions.Features.Import;

/// <summary>
/// Checks a whole import batch before anything is applied: every payload with the validator of its ordinary
/// endpoint (field paths prefixed with the line, <c>lines[3].action.context.ip</c>), and every reference between
/// lines: an action ref and a label ref used once per batch, results and action labels naming an action imported
/// earlier in this batch or by an earlier one (read from storage), and a result's user matching its action's: the
/// user it was reported with or bound to, by an earlier batch or by an earlier result line of this one. A batch with
/// any problem is refused whole, so nothing of it is stored.
/// </summary>
internal sealed class ImportPlanner(ActionRepository actions)
{
    /// <summary>Concurrent point reads when checking references to actions of earlier batches.</summary>
    private const int LookupConcurrency = 16;

    public async Task<(IReadOnlyList<ImportStep> Steps, ValidationResult Problems)> PlanAsync(
        string tenantId, ImportBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var problems = new ValidationResult();
        problems.Merge(batch.Problems);
        var steps = new List<ImportStep>(batch.Entries.Count);
        var actionLines = new Dictionary<string, BatchAction>(StringComparer.Ordinal);
        var labelLines = new Dictionary<string, int>(StringComparer.Ordinal);
        var earlier = new List<EarlierAction>();
        var resultSubjects = new Dictionary<int, ImportSubjects>();
        foreach (var entry in batch.Entries)
        {
            ImportStep? step = entry.Value.Type switch
            {
                ImportLineType.Action => PlanAction(tenantId, entry, actionLines, problems),
                ImportLineType.Result => PlanResult(tenantId, entry, actionLines, earlier, resultSubjects, problems),
                _ => PlanLabel(tenantId, entry, actionLines, labelLines, earlier, problems),
            };
            if (step is not null)
            {
                steps.Add(step);
            }
        }

        var stored = await ReadEarlierActionsAsync(tenantId, earlier, cancellationToken);
        CheckEarlierActions(earlier, stored, resultSubjects, problems);
        return (steps.Select(step => WithSubjects(step, resultSubjects)).ToList(), problems);
    }

    private static ImportActionStep? PlanAction(
        string tenantId, ImportEntry entry, Dictionary<string, BatchAction> actionLines, ValidationResult problems)
    {
        var line = entry.Value;
        var valid = Merge(problems, FieldPath.Combine(entry.Path, "action"), TriggerActionValidator.Validate(line.Action!));
        if (actionLines.TryGetValue(line.Ref!, out var first))
        {
            valid = problems.Add(FieldPath.Combine(entry.Path, "ref"), Format($"is already the ref of line {first.Entry.Line}'s action: each action needs its own ref"));
        }

        actionLines.TryAdd(line.Ref!, new BatchAction(entry, line.Action!.UserId));
        return valid ? new ImportActionStep(entry, line.Action!, ImportKeys.ActionToken(tenantId, line.Ref!)) : null;
    }

    private static ImportResultStep? PlanResult(
        string tenantId,
        ImportEntry entry,
        Dictionary<string, BatchAction> actionLines,
        List<EarlierAction> earlier,
        Dictionary<int, ImportSubjects> resultSubjects,
        ValidationResult problems)
    {
        var line = entry.Value;
        var token = ImportKeys.ActionToken(tenantId, line.Ref!);
        var request = line.Result! with { ActionToken = token };
        var valid = Merge(problems, FieldPath.Combine(entry.Path, "result"), ActionResultValidator.Validate(request));
        if (!actionLines.TryGetValue(line.Ref!, out var action))
        {
            earlier.Add(new EarlierAction(entry, token, request.UserId));
            return valid ? new ImportResultStep(entry, request, token) : null;
        }

        if (request.UserId is { } user)
        {
            // The action's own user, or the one an earlier result of this batch bound to an anonymous action.
            if (action.BoundUserId is { } bound && !string.Equals(user, bound, StringComparison.Ordinal))
            {
                var userField = FieldPath.Combine(entry.Path, "result.user_id");
                valid = problems.Add(userField, Format($"does not match the user_id of line {action.Entry.Line}'s action (or of an earlier result for it)"));
            }
            else
            {
                action.BoundUserId ??= user;
            }
        }

        resultSubjects[entry.Line] = action.Subjects;
        return valid ? new ImportResultStep(entry, request, token) : null;
    }

    private static ImportLabelStep? PlanLabel(
        string tenantId,
        ImportEntry entry,
        Dictionary<string, BatchAction> actionLines,
        Dictionary<string, int> labelLines,
        List<EarlierAction> earlier,
        ValidationResult problems)
    {
        var line = entry.Value;
        var request = line.Label!;
        string? token = null;
        if (line.ActionRef is { } actionRef)
        {
            token = ImportKeys.ActionToken(tenantId, actionRef);
            request = request with { Subject = request.Subject! with { Value = token } };
            if (!actionLines.ContainsKey(actionRef))
            {
                earlier.Add(new EarlierAction(entry, token, UserId: null));
            }
        }

        var labelProblems = new ValidationResult();
        var label = LabelRequestValidator.Validate(request, ImportKeys.LabelId(tenantId, line), entry.OccurredAt, labelProblems);
        var valid = Merge(problems, FieldPath.Combine(entry.Path, "label"), labelProblems);
        if (line.Ref is { } reference && !labelLines.TryAdd(reference, entry.Line))
        {
            // The ref is the label's id: a second label under it would be answered as the first one, and dropped.
            valid = problems.Add(FieldPath.Combine(entry.Path, "ref"), Format($"is already the ref of line {labelLines[reference]}'s label: each label needs its own ref"));
        }

        return valid && label is not null ? new ImportLabelStep(entry, label, token ?? ActionTokenOf(label)) : null;
    }

    /// <summary>
    /// A result step with the user and device of its action (of this batch or a stored one) as they are when the line is
    /// applied, so it is applied in order with their other lines.
    /// </summary>
    private static ImportStep WithSubjects(ImportStep step, Dictionary<int, ImportSubjects> resultSubjects) =>
        step is ImportResultStep result && resultSubjects.TryGetValue(result.Entry.Line, out var subjects)
            ? result with { ActionSubjects = subjects }
            : step;

    /// <summary>The actions the references to earlier batches name, by token; <c>null</c> for a token no action of this tenant has.</summary>
    private async Task<IReadOnlyDictionary<string, StoredAction?>> ReadEarlierActionsAsync(string tenantId, List<EarlierAction> references, CancellationToken cancellationToken)
    {
        var tokens = references.Select(reference => reference.ActionToken).Distinct(StringComparer.Ordinal).ToList();
        var stored = new System.Collections.Concurrent.ConcurrentDictionary<string, StoredAction?>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            tokens,
            new ParallelOptions { MaxDegreeOfParallelism = LookupConcurrency, CancellationToken = cancellationToken },
            async (token, cancel) => stored[token] = await actions.GetAsync(tenantId, token, cancel));
        return stored;
    }

    /// <summary>
    /// References to actions of earlier batches must name stored actions (of this tenant: tokens are derived with it).
    /// Their results are checked in line order, as they will be applied: the first result of the batch that names a user
    /// for a stored action without one binds it, so every later result for it must name the same user. Caught here, a
    /// conflict refuses the batch before anything is stored, rather than failing the line after other lines were. Each
    /// result gets the user its action is about when the line is applied (the one it was reported with, else the one
    /// bound to it, else the claimed one): a success feeds that user's profile.
    /// </summary>
    private static void CheckEarlierActions(
        List<EarlierAction> references,
        IReadOnlyDictionary<string, StoredAction?> stored,
        Dictionary<int, ImportSubjects> resultSubjects,
        ValidationResult problems)
    {
        var boundInBatch = new Dictionary<string, EarlierAction>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            if (stored[reference.ActionToken] is not { } action)
            {
                problems.Add(reference.Field, "names no imported action: its action line must come first, in this batch or an earlier one");
            }
            else if (reference.Entry.Value.Type == ImportLineType.Result)
            {
                resultSubjects[reference.Entry.Line] = PlanEarlierResult(reference, action, boundInBatch, problems);
            }
        }
    }

    /// <summary>
    /// Checks a result's user against the stored action's, or against the user an earlier result of the batch bound it
    /// to, and binds the action when it has none; returns the user and device the action is about once the line is applied.
    /// </summary>
    private static ImportSubjects PlanEarlierResult(
        EarlierAction reference, StoredAction action, Dictionary<string, EarlierAction> boundInBatch, ValidationResult problems)
    {
        if (reference.UserId is { } user)
        {
            CheckResultUser(reference, user, action, boundInBatch, problems);
        }

        var bound = action.UserId ?? action.BoundUserId ?? boundInBatch.GetValueOrDefault(reference.ActionToken)?.UserId;
        return new ImportSubjects(bound ?? action.ClaimedUserId, action.DeviceId);
    }

    private static void CheckResultUser(
        EarlierAction reference, string user, StoredAction action, Dictionary<string, EarlierAction> boundInBatch, ValidationResult problems)
    {
        if (boundInBatch.TryGetValue(reference.ActionToken, out var binding))
        {
            if (!string.Equals(user, binding.UserId, StringComparison.Ordinal))
            {
                problems.Add(reference.UserField, Format($"does not match the user_id of line {binding.Entry.Line}'s result for the action"));
            }
        }
        else if (ActionResultRecorder.UserConflict(action, user) is { } conflict)
        {
            problems.Add(reference.UserField, conflict);
        }
        else if ((action.UserId ?? action.BoundUserId) is null)
        {
            boundInBatch[reference.ActionToken] = reference;
        }
    }

    private static string? ActionTokenOf(Label label) => label.Subject.Type == LabelSubjectType.ActionId ? label.Subject.Value : null;

    /// <summary>Adds <paramref name="inner"/>'s problems under <paramref name="prefix"/>; returns whether it had none.</summary>
    private static bool Merge(ValidationResult problems, string prefix, ValidationResult inner)
    {
        foreach (var error in inner.Errors)
        {
            problems.Add(error.Field == FieldError.Body ? prefix : FieldPath.Combine(prefix, error.Field), error.Message);
        }

        return inner.IsValid;
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);

    /// <summary>A result's or label's reference to an action not imported earlier in its batch.</summary>
    private sealed record EarlierAction(ImportEntry Entry, string ActionToken, string? UserId)
    {
        /// <summary>The field naming the action: a result's <c>ref</c>, a label's <c>action_ref</c>.</summary>
        public string Field => FieldPath.Combine(Entry.Path, Entry.Value.Type == ImportLineType.Result ? "ref" : "action_ref");

        public string UserField => FieldPath.Combine(Entry.Path, "result.user_id");
    }

    /// <summary>An action line of the batch, and the user a result of the batch bound it to.</summary>
    private sealed class BatchAction(ImportEntry entry, string? userId)
    {
        public ImportEntry Entry { get; } = entry;

        /// <summary>The action's <c>user_id</c>, or the user the first result of the batch that named one bound it to.</summary>
        public string? BoundUserId { get; set; } = userId;

        /// <summary>The user the action is about as the batch stands so far (as <see cref="StoredAction.SubjectUserId"/>), and its device.</summary>
        public ImportSubjects Subjects => new(BoundUserId ?? Entry.Value.Action!.ClaimedUserId, Entry.Value.Action!.Context?.DeviceId);
    }
}
