using Azure;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;

namespace RiskFunctions.Storage.Labels;

/// <summary>
/// A label as stored, with its propagation state. The row is the outbox: it is written before the label is
/// acknowledged, and <see cref="MessageSentAt"/> stays empty until the propagation message is confirmed sent,
/// so a relay can find labels whose message may have been lost.
/// </summary>
public sealed record StoredLabel
{
    public required string TenantId { get; init; }

    public required Label Label { get; init; }

    public LabelPropagationState State { get; init; } = LabelPropagationState.Pending;

    /// <summary>Actions marked with this label so far (final once <see cref="State"/> is done).</summary>
    public long AffectedCount { get; init; }

    /// <summary>Where propagation resumes: the last processed row of the subject's action index; null before the first page.</summary>
    public string? Checkpoint { get; init; }

    /// <summary>
    /// When the propagation message was last confirmed sent (by the intake, the relay, or shown by a delivery that reopened
    /// the label); null while it may not have been. Until that message could have expired the queue governs the label.
    /// </summary>
    public DateTimeOffset? MessageSentAt { get; init; }

    public required DateTimeOffset StateChangedAt { get; init; }

    /// <summary>
    /// How often the outbox relay has sent the message again; a label relayed too often, its last message since expired
    /// undelivered, is failed.
    /// </summary>
    public int Relays { get; init; }

    /// <summary>Why propagation failed, for operators (no client input is echoed here).</summary>
    public string? FailureReason { get; init; }

    /// <summary>The row's version; updates are conditional on it.</summary>
    public ETag ETag { get; init; }

    /// <summary>
    /// The version of the label's outbox entry as this process put it there (default when it did not): the write that
    /// finishes the label removes the entry only at this version. Not stored in the row.
    /// </summary>
    public ETag OutboxETag { get; init; }

    public bool IsFinished => State is LabelPropagationState.Done or LabelPropagationState.Failed;
}
