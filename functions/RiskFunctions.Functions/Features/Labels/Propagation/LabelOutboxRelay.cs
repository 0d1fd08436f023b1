using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Functions.Features.Labels.Transport;
using RiskFunctions.Storage.Labels;

namespace RiskFunctions.Functions.Features.Labels.Propagation;

/// <summary>
/// The outbox relay: sends again the message of every label that looks abandoned (pending too long: its message
/// may never have been sent; running without progress too long: the process working on it died). Resending is
/// always safe: the message id is the label id (duplicate detection) and propagation is idempotent. A label
/// relayed <see cref="MaxRelays"/> times without finishing is marked failed, so a poisoned label cannot cycle forever.
/// First it lets every <see cref="IPendingLabelSource"/> accept the labels its features still owe.
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

    /// <summary>Running labels update their row at least once per index page; this much silence means stalled.</summary>
    private const int StalledFactor = 5;

    /// <summary>Relays what is abandoned; returns how many messages were sent again.</summary>
    public async Task<int> RelayAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var relayAfter = options.Value.RelayAfter;
        foreach (var source in pendingLabelSources)
        {
            // Accepting a missing label stores and sends it like any new label; a send that fails leaves it
            // pending for the pass below or the next one. A failing source must not stop the relay of labels.
            try
            {
                await source.AcceptMissingLabelsAsync(now - relayAfter, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Missing labels of {Source} not accepted in this relay pass", source.GetType().Name);
            }
        }

        var sent = 0;
        await foreach (var label in labels.QueryAbandonedAsync(now - relayAfter, now - (relayAfter * StalledFactor), cancellationToken).ConfigureAwait(false))
        {
            if (label.Relays >= MaxRelays)
            {
                var failed = label with { State = LabelPropagationState.Failed, FailureReason = $"not propagated after {MaxRelays} relays", StateChangedAt = now };
                if (await labels.TryUpdateAsync(failed, cancellationToken).ConfigureAwait(false) is not null)
                {
                    logger.LogError("Label {LabelId} of tenant {TenantId} failed: relayed {Relays} times without finishing", label.Label.LabelId, label.TenantId, label.Relays);
                }

                continue;
            }

            // Claim the relay first, so two relays running at once send one message, not two.
            var claimed = await labels.TryUpdateAsync(label with { Relays = label.Relays + 1, StateChangedAt = now }, cancellationToken).ConfigureAwait(false);
            if (claimed is null)
            {
                continue;
            }

            await queue.SendAsync(new LabelPropagationMessage(label.TenantId, label.Label.LabelId), cancellationToken).ConfigureAwait(false);
            sent++;
        }

        if (sent > 0)
        {
            logger.LogWarning("Outbox relay sent {Count} propagation messages again", sent);
        }

        return sent;
    }
}
