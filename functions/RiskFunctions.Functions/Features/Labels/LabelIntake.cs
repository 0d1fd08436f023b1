using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Functions.Features.Labels.Transport;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Functions.Features.Labels;

/// <summary>
/// Accepts a label from any of the label APIs: stores it with its propagation state before anything else (the
/// transactional outbox), then sends the propagation message, waiting at most <see cref="LabelsOptions.SendTimeout"/>.
/// A failed or unfinished send loses nothing: the label stays pending and the outbox relay sends it later, so the label
/// is acknowledged either way. Only the request's own cancellation ends it with an error.
/// </summary>
public sealed class LabelIntake(
    LabelRepository labels,
    ActionRepository actions,
    ILabelPropagationQueue queue,
    IOptions<LabelsOptions> options,
    TimeProvider timeProvider,
    LabelSendFailureLog sendFailures,
    ILogger<LabelIntake> logger)
{
    /// <summary>
    /// Stores and dispatches <paramref name="label"/>. When a label with its id exists already (a retry under
    /// the same idempotency key) nothing new is written and the stored one is returned with
    /// <see cref="LabelAcceptance.Replayed"/> set; the caller decides whether the retry matches.
    /// </summary>
    public async Task<LabelAcceptance> AcceptAsync(string tenantId, Label label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);

        // The action an ACTION_ID label names is read beside the label's writes and send, not after them.
        var knowing = KnownAffectedAsync(tenantId, label.Subject, cancellationToken);
        StoredLabel stored;
        bool replayed;
        try
        {
            (stored, replayed) = await StoreAsync(tenantId, label, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            knowing.Abandon();
            throw;
        }

        // A retry under another body finds the label stored first: its subject is the one answered for.
        var known = SameSubject(stored.Label.Subject, label.Subject)
            ? await knowing.ConfigureAwait(false)
            : await KnownAffectedAsync(tenantId, stored.Label.Subject, cancellationToken).ConfigureAwait(false);
        return new LabelAcceptance(stored, known, replayed);
    }

    /// <summary>
    /// Stores and dispatches <paramref name="label"/> like <see cref="AcceptAsync"/>, for callers whose answer does
    /// not list the affected actions (it saves their lookup). Returns the stored label and whether it existed already.
    /// </summary>
    public async Task<(StoredLabel Label, bool Replayed)> StoreAsync(string tenantId, Label label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        var added = await labels.TryAddAsync(new StoredLabel { TenantId = tenantId, Label = label, StateChangedAt = timeProvider.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        if (added is not { } stored)
        {
            var existing = await labels.GetAsync(tenantId, label.LabelId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Label {label.LabelId} exists but cannot be read.");
            return (existing, true);
        }

        return (await DispatchAsync(stored, cancellationToken).ConfigureAwait(false), false);
    }

    /// <summary>Sends the propagation message and records it sent; returns the label as last written.</summary>
    private async Task<StoredLabel> DispatchAsync(StoredLabel stored, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Value.SendTimeout, timeProvider);
        using var send = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await queue.SendAsync(new LabelPropagationMessage(stored.TenantId, stored.Label.LabelId), send.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Stored already: the outbox relay sends it once it has been pending for a while. That includes a send cut
            // short by its bound or by the transport's own timeout (the local host's HttpClient), not only one refused.
            sendFailures.NotSent(stored.Label.LabelId, ex, timeout.IsCancellationRequested);
            return stored;
        }

        return await RecordSentAsync(stored, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records the message sent, so that the outbox relay leaves the label to the queue however long it waits there.
    /// Conditional on the label's ETag: losing means its propagation has begun, so the message arrived. A failed write
    /// loses nothing: the relay sends the message again (a copy the queue drops) and records it then.
    /// </summary>
    private async Task<StoredLabel> RecordSentAsync(StoredLabel stored, CancellationToken cancellationToken)
    {
        try
        {
            return await labels.TryUpdateAsync(stored with { MessageSentAt = timeProvider.GetUtcNow() }, cancellationToken).ConfigureAwait(false) ?? stored;
        }
        catch (Exception ex) when (StorageOutage.IsCause(ex))
        {
            // Storage went away after the label was stored: one line, as every outage line (its failures are logged
            // and throttled where requests fail).
            logger.LogWarning(
                "Propagation message for label {LabelId} sent but not recorded ({Reason}); the outbox relay will send it again",
                stored.Label.LabelId, OutageLogThrottle.Describe(ex));
            return stored;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Propagation message for label {LabelId} sent but not recorded; the outbox relay will send it again", stored.Label.LabelId);
            return stored;
        }
    }

    /// <summary>
    /// The affected actions known when the answer is sent: for an action label, the action itself when it exists;
    /// for every other subject, none yet (they are found asynchronously; the label's status reports the count).
    /// </summary>
    private async Task<IReadOnlyList<string>> KnownAffectedAsync(string tenantId, LabelTarget subject, CancellationToken cancellationToken)
    {
        if (subject.Type != Domain.Contract.Labels.LabelSubjectType.ActionId)
        {
            return [];
        }

        var action = await actions.GetAsync(tenantId, subject.Value, cancellationToken).ConfigureAwait(false);
        return action is null ? [] : [action.ActionToken];
    }

    private static bool SameSubject(LabelTarget stored, LabelTarget requested) =>
        stored.Type == requested.Type && string.Equals(stored.Value, requested.Value, StringComparison.Ordinal);
}

/// <summary>The outcome of <see cref="LabelIntake.AcceptAsync"/>.</summary>
/// <param name="Label">The label as stored.</param>
/// <param name="KnownAffectedActionIds">Affected actions known without waiting for propagation.</param>
/// <param name="Replayed">True when the label existed already (an idempotent retry).</param>
public sealed record LabelAcceptance(StoredLabel Label, IReadOnlyList<string> KnownAffectedActionIds, bool Replayed);
