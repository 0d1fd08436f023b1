using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Functions.Features.Labels.Transport;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Functions.Features.Labels.Propagation;

/// <summary>
/// The outbox relay: sends again the message of every label that looks abandoned (pending too long: its message
/// may never have been sent; running without progress too long: the process working on it died). A label whose message
/// was confirmed sent (<see cref="StoredLabel.MessageSentAt"/>) is left to the queue until that message could have
/// expired (<see cref="LabelsOptions.MessageTimeToLive"/>): however slowly the queue delivers it, the delivery count and
/// dead-lettering govern it, and on the last delivery the label is failed. Resending is always safe: the message id is
/// the label id (duplicate detection) and propagation is idempotent. A label relayed <see cref="MaxRelays"/> times whose
/// last message has expired too is marked failed, so a poisoned label cannot cycle forever; one whose message was never
/// confirmed sent is sent, never failed. A send that fails is recorded nowhere, so it costs the label none of its
/// relays; the pass goes on with the next label, and stops after <see cref="OutageSends"/> failures in a row (the
/// transport is out). First it lets every <see cref="IPendingLabelSource"/> accept the labels its features still owe.
/// </summary>
public sealed class LabelOutboxRelay(
    LabelRepository labels,
    IEnumerable<IPendingLabelSource> pendingLabelSources,
    ILabelPropagationQueue queue,
    IOptions<LabelsOptions> options,
    TimeProvider timeProvider,
    ILogger<LabelOutboxRelay> logger)
{
    public const int MaxRelays = 5;

    /// <summary>
    /// Why the relay failed a label. A delivery that still comes propagates the label all the same (the propagator
    /// reopens it), so giving up never loses an accepted label. The reason earlier versions gave, so that the labels they
    /// gave up on while the queue still held their message are reopened alike.
    /// </summary>
    public const string GaveUpReason = "not propagated after 5 relays";

    /// <summary>Running labels update their row at least once per index page; this much silence means stalled.</summary>
    private const int StalledFactor = 5;

    /// <summary>
    /// Failed sends in a row that end a pass: the transport is out, and each further send would spend the client's
    /// retries to fail alike. The labels left wait for the next pass with every relay they had.
    /// </summary>
    internal const int OutageSends = 3;

    /// <summary>Whether the relay gave <paramref name="label"/> up, so that a delivery of it still propagates it.</summary>
    public static bool GaveUp(StoredLabel label) => label is { State: LabelPropagationState.Failed, FailureReason: GaveUpReason };

    /// <summary>Relays what is abandoned; returns how many messages were sent again.</summary>
    public async Task<int> RelayAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var relayAfter = options.Value.RelayAfter;
        await AcceptMissingLabelsAsync(now - relayAfter, cancellationToken).ConfigureAwait(false);

        var sent = 0;
        var failures = new SendFailures();
        var abandoned = labels.QueryAbandonedAsync(now - relayAfter, now - (relayAfter * StalledFactor), now - options.Value.MessageTimeToLive, cancellationToken);
        await foreach (var label in abandoned.ConfigureAwait(false))
        {
            if (label.MessageSentAt is not null && label.Relays >= MaxRelays)
            {
                await GiveUpAsync(label, now, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // A failed send records nothing, so it costs the label none of its relays: it waits for the next pass.
            if (await TrySendAsync(label, cancellationToken).ConfigureAwait(false) is { } failure)
            {
                if (failures.Add(failure) >= OutageSends)
                {
                    break;
                }

                continue;
            }

            failures.Sent();
            sent++;

            // Counted once sent, with the time the queue's governance starts again. Losing the write to another writer
            // (its propagation, or a second pass at a lease handover, whose copy duplicate detection drops) leaves
            // theirs, which is as recent.
            await labels.TryUpdateAsync(label with { Relays = label.Relays + 1, MessageSentAt = now, StateChangedAt = now }, cancellationToken).ConfigureAwait(false);
        }

        if (sent > 0)
        {
            logger.LogWarning("Outbox relay sent {Count} propagation messages again", sent);
        }

        LogFailures(failures);
        return sent;
    }

    /// <summary>Sends the label's message; returns why it failed, or null once it is sent. A cancelled pass is no failure.</summary>
    private async Task<Exception?> TrySendAsync(StoredLabel label, CancellationToken cancellationToken)
    {
        try
        {
            await queue.SendAsync(new LabelPropagationMessage(label.TenantId, label.Label.LabelId), cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ex;
        }
    }

    /// <summary>One line per pass, however many sends failed: during an outage every pass fails alike.</summary>
    private void LogFailures(SendFailures failures)
    {
        if (failures.Last is not { } last)
        {
            return;
        }

        var reason = OutageLogThrottle.Describe(last);
        if (failures.InARow >= OutageSends)
        {
            logger.LogWarning(
                "Outbox relay: {Failed} propagation message(s) not sent ({Reason}); the transport looks unavailable, so the pass stopped early and its labels wait for the next one",
                failures.Count, reason);
            return;
        }

        logger.LogWarning("Outbox relay: {Failed} propagation message(s) not sent ({Reason}); their labels wait for the next pass", failures.Count, reason);
    }

    private async Task AcceptMissingLabelsAsync(DateTimeOffset writtenBefore, CancellationToken cancellationToken)
    {
        foreach (var source in pendingLabelSources)
        {
            // Accepting a missing label stores and sends it like any new label; a send that fails leaves it
            // pending for the pass below or the next one. A failing source must not stop the relay of labels.
            try
            {
                await source.AcceptMissingLabelsAsync(writtenBefore, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Missing labels of {Source} not accepted in this relay pass", source.GetType().Name);
            }
        }
    }

    private async Task GiveUpAsync(StoredLabel label, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var failed = label with { State = LabelPropagationState.Failed, FailureReason = GaveUpReason, StateChangedAt = now };
        if (await labels.TryUpdateAsync(failed, cancellationToken).ConfigureAwait(false) is not null)
        {
            logger.LogError(
                "Label {LabelId} of tenant {TenantId} failed: relayed {Relays} times, and its last message, sent at {SentAt}, is past the queue's time to live",
                label.Label.LabelId, label.TenantId, label.Relays, label.MessageSentAt);
        }
    }

    /// <summary>The sends of one pass that failed, and how many of the last ones in a row.</summary>
    private sealed class SendFailures
    {
        public int Count { get; private set; }

        public int InARow { get; private set; }

        public Exception? Last { get; private set; }

        /// <summary>Counts a failure; returns how many in a row.</summary>
        public int Add(Exception failure)
        {
            Count++;
            Last = failure;
            return ++InARow;
        }

        public void Sent() => InARow = 0;
    }
}
