using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Campaigns;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.Reputation;

namespace RiskFunctions.Functions.Features.Labels.Propagation;

/// <summary>
/// Applies a stored label to everything it affects: the reputation of the entities involved, and a mark on
/// every affected action, a chunk of the subject's action index at a time (<see cref="LabelsOptions.PropagationChunkSize"/>
/// rows, read a page after another, then marked together so that actions of one storage partition share one
/// transaction however many pages they came from). Marks go into the subject's slot on each action without reading
/// it first, and always carry the subject's newest label (<see cref="SubjectLabelRegistry"/>), so an older label
/// arriving late never replaces a newer one. Progress is checkpointed on the label row after each chunk,
/// conditional on its ETag, so a redelivered message, a crash half way or two instances on the same label all end
/// in the state one clean run leaves: every step is idempotent, and the count of affected actions advances exactly
/// once per chunk. A user whose reputation a label decides carries it to the devices and addresses it used
/// (<see cref="LinkedFraudSpreader"/>), one hop further.
/// </summary>
public sealed class LabelPropagator(
    LabelRepository labels,
    ActionRepository actions,
    ActionIndexRepository index,
    ActionLabelMarker marker,
    SubjectLabelRegistry subjectLabels,
    SubjectLabelWriter subjectMarks,
    ReputationRepository reputation,
    LinkedFraudSpreader linkedFraud,
    CampaignRepository campaigns,
    IOptions<LabelsOptions> options,
    TimeProvider timeProvider,
    ILogger<LabelPropagator> logger) : ILabelPropagator
{
    private readonly int _chunkSize = options.Value.PropagationChunkSize;
    private readonly int _entityChunkSize = options.Value.EntityPropagationChunkSize;

    /// <summary>The checkpoint once every affected action is marked (an index row key never has this shape).</summary>
    internal const string AllProcessed = "~all";

    public async Task<PropagationOutcome> PropagateAsync(string tenantId, string labelId, CancellationToken cancellationToken)
    {
        var stored = await labels.GetAsync(tenantId, labelId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return PropagationOutcome.UnknownLabel;
        }

        await PropagateAsync(stored, delivered: true, cancellationToken).ConfigureAwait(false);
        return PropagationOutcome.Done;
    }

    /// <summary>
    /// Propagates a label its caller has just stored or read (the import, which applies a label before its next lines),
    /// saving the read <see cref="PropagateAsync(string, string, CancellationToken)"/> starts with.
    /// </summary>
    public Task PropagateAsync(StoredLabel stored, CancellationToken cancellationToken) => PropagateAsync(stored, delivered: false, cancellationToken);

    /// <summary>Propagates the label; <paramref name="delivered"/> when a message of it was delivered (one is then alive in the queue).</summary>
    private async Task PropagateAsync(StoredLabel stored, bool delivered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (await StartAsync(stored, delivered, cancellationToken).ConfigureAwait(false) is not { } running)
        {
            return;
        }

        var label = running.Label;
        var reputationLabel = new ReputationLabel(label.LabelId, label.Type.Standing(), label.LabeledAt);
        var finished = label.Subject.Type == LabelSubjectType.ActionId
            ? await PropagateToActionAsync(running, reputationLabel, cancellationToken).ConfigureAwait(false)
            : await PropagateToSubjectAsync(running, reputationLabel, cancellationToken).ConfigureAwait(false);
        if (finished is not null)
        {
            logger.LogInformation("Label {LabelId} propagated to {Count} actions", label.LabelId, finished.AffectedCount);
        }
    }

    /// <summary>Marks the label failed (propagation gave up); a finished label is left as it is.</summary>
    public async Task MarkFailedAsync(string tenantId, string labelId, string reason, CancellationToken cancellationToken)
    {
        while (await labels.GetAsync(tenantId, labelId, cancellationToken).ConfigureAwait(false) is { IsFinished: false } stored)
        {
            if (await SaveAsync(stored with { State = LabelPropagationState.Failed, FailureReason = reason }, cancellationToken).ConfigureAwait(false) is not null)
            {
                logger.LogError("Label {LabelId} of tenant {TenantId} failed to propagate: {Reason}", labelId, tenantId, reason);
                return;
            }
        }
    }

    /// <summary>
    /// Moves the label to running; null when it is already finished (nothing to do). A label the outbox relay gave up on
    /// (<see cref="LabelOutboxRelay.GaveUp"/>) is finished only for want of a delivery, so it is reopened and propagated.
    /// </summary>
    private async Task<StoredLabel?> StartAsync(StoredLabel stored, bool delivered, CancellationToken cancellationToken)
    {
        while (!stored.IsFinished || LabelOutboxRelay.GaveUp(stored))
        {
            var started = stored.IsFinished
                ? await ReopenAsync(stored, delivered, cancellationToken).ConfigureAwait(false)
                : await SaveAsync(stored with { State = LabelPropagationState.Running }, cancellationToken).ConfigureAwait(false);
            if (started is not null)
            {
                return started;
            }

            stored = await ReloadAsync(stored, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>
    /// Puts a label the relay gave up on back to work, in the outbox again. A delivery shows that a message of it is alive
    /// in the queue, which governs the label again from now on: the relay leaves it alone until that message could expire.
    /// </summary>
    private async Task<StoredLabel?> ReopenAsync(StoredLabel stored, bool delivered, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var running = stored with
        {
            State = LabelPropagationState.Running,
            FailureReason = null,
            MessageSentAt = delivered ? now : stored.MessageSentAt,
            StateChangedAt = now,
        };
        var reopened = await labels.TryReopenAsync(running, cancellationToken).ConfigureAwait(false);
        if (reopened is not null)
        {
            logger.LogWarning("Label {LabelId} of tenant {TenantId}, given up by the outbox relay, is propagated after all", stored.Label.LabelId, stored.TenantId);
        }

        return reopened;
    }

    /// <summary>
    /// An action label: the reputation of the action's entities and the mark on the action are independent writes, made
    /// at once; the label is then finished in one save, its count included. Null when another instance finished it.
    /// </summary>
    private async Task<StoredLabel?> PropagateToActionAsync(StoredLabel stored, ReputationLabel reputationLabel, CancellationToken cancellationToken)
    {
        var affected = 0;
        if (stored.Checkpoint != AllProcessed)
        {
            var token = stored.Label.Subject.Value;
            var action = await actions.GetAsync(stored.TenantId, token, cancellationToken).ConfigureAwait(false);
            if (action is not null && PassesFilter(stored.Label.Subject, action.Recommendation))
            {
                var mark = marker.MarkAsync(stored.TenantId, [token], Mark(stored.Label), cancellationToken);
                await Task.WhenAll(ApplyReputationAsync(stored.TenantId, EntitiesOf(action), reputationLabel, cancellationToken), mark).ConfigureAwait(false);
                affected = (await mark.ConfigureAwait(false)).Count;
            }
        }

        return await FinishAsync(stored, affected, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A label on a user, an address, a correlation, a session, a ring or a campaign: its own reputation, then its actions
    /// through the index. A user whose standing the label decides carries it to its devices and addresses once its index
    /// is read: those the pass met when it read the whole index, otherwise (a pass resumed from a checkpoint, or taken
    /// over from another instance) those its state names, or its index read again past what the state can name.
    /// </summary>
    private async Task<StoredLabel?> PropagateToSubjectAsync(StoredLabel stored, ReputationLabel reputationLabel, CancellationToken cancellationToken)
    {
        var subject = stored.Label.Subject;
        if (subject.Type != LabelSubjectType.UserId)
        {
            await ApplySubjectReputationAsync(stored.TenantId, subject, reputationLabel, cancellationToken).ConfigureAwait(false);
            return await PropagateThroughIndexAsync(stored, reputationLabel, null, cancellationToken).ConfigureAwait(false) is { } done
                ? await FinishAsync(done, 0, cancellationToken).ConfigureAwait(false)
                : null;
        }

        var user = await reputation.ApplyUserLabelAsync(stored.TenantId, subject.Value, reputationLabel, cancellationToken).ConfigureAwait(false);
        var decides = Decides(user.Reputation, reputationLabel);
        var pass = decides && stored.Checkpoint is null ? new IndexPass() : null;
        if (await PropagateThroughIndexAsync(stored, reputationLabel, pass, cancellationToken).ConfigureAwait(false) is not { } processed)
        {
            return null;
        }

        if (decides)
        {
            await (pass is { Whole: true }
                ? linkedFraud.SpreadAsync(stored.TenantId, subject.Value, user.Reputation, pass.Linked, cancellationToken)
                : linkedFraud.SpreadAsync(stored.TenantId, subject.Value, user, cancellationToken)).ConfigureAwait(false);
        }

        return await FinishAsync(processed, 0, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records the label done, with <paramref name="affected"/> more affected actions unless another instance recorded
    /// the last checkpoint first (its count then stands). Null when another instance finished it.
    /// </summary>
    private async Task<StoredLabel?> FinishAsync(StoredLabel stored, long affected, CancellationToken cancellationToken)
    {
        while (!stored.IsFinished)
        {
            var count = stored.Checkpoint == AllProcessed ? stored.AffectedCount : stored.AffectedCount + affected;
            var done = stored with { Checkpoint = AllProcessed, AffectedCount = count, State = LabelPropagationState.Done };
            if (await SaveAsync(done, cancellationToken).ConfigureAwait(false) is { } saved)
            {
                return saved;
            }

            stored = await ReloadAsync(stored, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>
    /// Marks the subject's indexed actions a chunk at a time from the label's checkpoint; <paramref name="pass"/>, when
    /// given, gathers the devices and addresses of every chunk, and is no longer whole once another instance's checkpoint
    /// is taken over. Null when another instance finished the label.
    /// </summary>
    private async Task<StoredLabel?> PropagateThroughIndexAsync(StoredLabel stored, ReputationLabel reputationLabel, IndexPass? pass, CancellationToken cancellationToken)
    {
        if (IndexKind(stored.Label.Subject) is not { } kind)
        {
            // A campaign not confirmed as one: the label is the campaign's reputation only, no action is marked.
            return stored;
        }

        var subject = new ActionSubject(kind, stored.Label.Subject.Value);
        var involvesActionEntities = kind is ActionSubjectKind.CorrelationId or ActionSubjectKind.VerificationSessionId
            or ActionSubjectKind.FraudRing or ActionSubjectKind.Campaign;
        var newest = await subjectLabels.RegisterAsync(stored.TenantId, subject, Mark(stored.Label), cancellationToken).ConfigureAwait(false);
        while (stored.Checkpoint != AllProcessed)
        {
            var chunkSize = involvesActionEntities ? _entityChunkSize : _chunkSize;
            var (chunk, continuation) = await ReadChunkAsync(stored.TenantId, subject, stored.Checkpoint, chunkSize, cancellationToken).ConfigureAwait(false);
            if (pass is not null)
            {
                LinkedFraudSpreader.AddLinked(chunk, pass.Linked);
            }

            var selected = chunk.Where(item => PassesFilter(stored.Label.Subject, item.Recommendation)).ToList();
            if (involvesActionEntities)
            {
                await ApplyReputationAsync(stored.TenantId, selected.SelectMany(EntitiesOf), reputationLabel, cancellationToken).ConfigureAwait(false);
            }

            IReadOnlyList<string> marked;
            (marked, newest) = await subjectMarks.MarkAsync(stored.TenantId, subject, [.. selected.Select(item => item.ActionToken)], newest, cancellationToken).ConfigureAwait(false);
            var checkpoint = continuation ?? AllProcessed;
            var advanced = await AdvanceAsync(stored, checkpoint, marked.Count, cancellationToken).ConfigureAwait(false);
            if (advanced is null)
            {
                return null;
            }

            if (pass is not null && !string.Equals(advanced.Checkpoint, checkpoint, StringComparison.Ordinal))
            {
                // Another instance's progress taken over: the chunks it read are not in this pass.
                pass.Whole = false;
            }

            stored = advanced;
        }

        return stored;
    }

    /// <summary>The next <paramref name="chunkSize"/> rows of the subject's index after <paramref name="checkpoint"/>, and where the ones after start (null at the end).</summary>
    private async Task<(List<IndexedAction> Items, string? Continuation)> ReadChunkAsync(
        string tenantId, ActionSubject subject, string? checkpoint, int chunkSize, CancellationToken cancellationToken)
    {
        var items = new List<IndexedAction>(Math.Min(chunkSize, ActionIndexRepository.MaxPageSize));
        var continuation = checkpoint;
        do
        {
            var pageSize = Math.Min(ActionIndexRepository.MaxPageSize, chunkSize - items.Count);
            var page = await index.QueryPageAsync(tenantId, subject, continuation: continuation, pageSize: pageSize, cancellationToken: cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items);
            continuation = page.Continuation;
        }
        while (continuation is not null && items.Count < chunkSize);

        return (items, continuation);
    }

    /// <summary>
    /// Records a processed chunk. When another instance recorded progress first, continues from its checkpoint
    /// instead (this chunk's effects were idempotent, and its count is already in the other's total); null when
    /// the other instance has already finished.
    /// </summary>
    private async Task<StoredLabel?> AdvanceAsync(StoredLabel stored, string checkpoint, long affected, CancellationToken cancellationToken)
    {
        var next = stored with { Checkpoint = checkpoint, AffectedCount = stored.AffectedCount + affected };
        if (await SaveAsync(next, cancellationToken).ConfigureAwait(false) is { } saved)
        {
            return saved;
        }

        var current = await ReloadAsync(stored, cancellationToken).ConfigureAwait(false);
        return current.IsFinished ? null : current;
    }

    private async Task<StoredLabel?> SaveAsync(StoredLabel next, CancellationToken cancellationToken) =>
        await labels.TryUpdateAsync(next with { StateChangedAt = timeProvider.GetUtcNow() }, cancellationToken).ConfigureAwait(false);

    private async Task<StoredLabel> ReloadAsync(StoredLabel stored, CancellationToken cancellationToken) =>
        await labels.GetAsync(stored.TenantId, stored.Label.LabelId, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"Label {stored.Label.LabelId} disappeared during propagation.");

    private Task ApplySubjectReputationAsync(string tenantId, LabelTarget subject, ReputationLabel label, CancellationToken cancellationToken) => subject.Type switch
    {
        LabelSubjectType.CampaignId => campaigns.ApplyLabelAsync(tenantId, subject.Value, label.LabelId, WireName(label.Standing), label.LabeledAt, cancellationToken),
        LabelSubjectType.IpAddress => ApplyReputationAsync(tenantId, [(ReputationEntityKind.Ip, subject.Value)], label, cancellationToken),
        _ => Task.CompletedTask,
    };

    private async Task ApplyReputationAsync(
        string tenantId, IEnumerable<(ReputationEntityKind Kind, string? Value)> entities, ReputationLabel label, CancellationToken cancellationToken)
    {
        var distinct = entities.Where(entity => !string.IsNullOrEmpty(entity.Value)).Distinct().ToList();
        await Parallel.ForEachAsync(distinct, cancellationToken, async (entity, token) =>
        {
            if (entity.Kind != ReputationEntityKind.User)
            {
                await reputation.ApplyLabelAsync(tenantId, entity.Kind, entity.Value!, label, token).ConfigureAwait(false);
                return;
            }

            var user = await reputation.ApplyUserLabelAsync(tenantId, entity.Value!, label, token).ConfigureAwait(false);
            if (Decides(user.Reputation, label))
            {
                // This label decides the user's standing: the devices and addresses it used learn it (or forget an older fraud label).
                await linkedFraud.SpreadAsync(tenantId, entity.Value!, user, token).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Whether <paramref name="label"/> is the one the entity's reputation now rests on (an older label arriving late is not).</summary>
    private static bool Decides(EntityReputation applied, ReputationLabel label) =>
        string.Equals(applied.LabelId, label.LabelId, StringComparison.Ordinal);

    private static IEnumerable<(ReputationEntityKind, string?)> EntitiesOf(StoredAction action) =>
    [
        (ReputationEntityKind.User, action.SubjectUserId),
        (ReputationEntityKind.Device, action.DeviceId),
        (ReputationEntityKind.Fingerprint, action.DeviceFingerprint),
        (ReputationEntityKind.PublicKey, action.DevicePublicKey),
        (ReputationEntityKind.Ip, action.Ip),
    ];

    private static IEnumerable<(ReputationEntityKind, string?)> EntitiesOf(IndexedAction action) =>
        [(ReputationEntityKind.User, action.UserId), (ReputationEntityKind.Device, action.DeviceId)];

    /// <summary><c>ConfirmedFraud</c> → <c>CONFIRMED_FRAUD</c>, as label types are spelled on the wire.</summary>
    private static string WireName(ReputationStanding standing) =>
        string.Concat(standing.ToString().Select((c, i) => i > 0 && char.IsAsciiLetterUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    private static bool PassesFilter(LabelTarget subject, string recommendation) =>
        subject.Recommendations is not { Count: > 0 } filters || filters.Any(filter => filter.Matches(recommendation));

    private static ActionLabelMark Mark(Label label) => new(label.LabelId, label.Type.ToString(), label.LabeledAt);

    /// <summary>
    /// Where the subject's actions are listed: a ring's members' actions and a campaign's actions are in the index
    /// under the ring or campaign (maintenance puts them there); a campaign's only when the label confirms it is one.
    /// </summary>
    private static ActionSubjectKind? IndexKind(LabelTarget subject) => subject.Type switch
    {
        LabelSubjectType.FraudRingId => ActionSubjectKind.FraudRing,
        LabelSubjectType.CampaignId => subject.IsCampaignConfirmed == true ? ActionSubjectKind.Campaign : null,
        LabelSubjectType.UserId => ActionSubjectKind.UserId,
        LabelSubjectType.IpAddress => ActionSubjectKind.IpAddress,
        LabelSubjectType.CorrelationId => ActionSubjectKind.CorrelationId,
        LabelSubjectType.VerificationSessionId => ActionSubjectKind.VerificationSessionId,
        _ => null,
    };

    /// <summary>What one propagation pass met in a labeled user's index: the devices and addresses its fraud is carried to.</summary>
    private sealed class IndexPass
    {
        public HashSet<ActionSubject> Linked { get; } = [];

        /// <summary>Whether the pass read the whole index itself.</summary>
        public bool Whole { get; set; } = true;
    }
}
