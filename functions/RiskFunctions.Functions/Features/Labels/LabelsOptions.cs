using System.ComponentModel.DataAnnotations;

namespace RiskFunctions.Functions.Features.Labels;

/// <summary>How labels travel and how long the outbox waits before sending one again. Section <c>Labels</c>.</summary>
public sealed class LabelsOptions
{
    public const string SectionName = "Labels";

    /// <summary>
    /// Where propagation messages are sent: <c>ServiceBus</c> (Azure: the Azure.Messaging.ServiceBus client) or
    /// <c>LocalHost</c> (the local Functions host's queue). Either way the Service Bus trigger consumes them.
    /// </summary>
    public LabelTransportKind Transport { get; set; } = LabelTransportKind.ServiceBus;

    /// <summary>Deliveries before a message is dead-lettered; keep equal to the queue's <c>maxDeliveryCount</c>.</summary>
    [Range(1, 2000)]
    public int MaxDeliveryCount { get; set; } = 10;

    /// <summary>
    /// How long one delivery waits, in growing pauses, for table storage to come back before it gives the message up
    /// for redelivery. A redelivery can follow at once (the local host's queue does), so without the wait a short outage
    /// would spend every delivery. Keep it well under the message lock (5 min): the whole wait happens under it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:04:00")]
    public TimeSpan PropagationOutageWait { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a label may stay pending before the outbox relay sends its message again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RelayAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a label request waits for its propagation message to be sent. The label is stored with its outbox row
    /// before the send, so a transport that has not answered by then costs the client nothing: the request is answered
    /// as usual and the outbox relay sends the message, instead of the client waiting out the transport's retries.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a sent propagation message may still be delivered: the queue's <c>defaultMessageTimeToLive</c>, which every
    /// stamp sets from the same parameter (<c>serviceBus.messageTimeToLiveDays</c>, 14). Until a label's last message is
    /// this old the outbox relay leaves the label to the queue, whose redelivery and dead-lettering govern it however slowly it delivers; past it the message was delivered, expired
    /// into the dead-letter queue or lost, and the relay sends another. Shorter than the queue's, the relay sends copies
    /// of a message still queued (harmless: propagation is idempotent) and may give up early (a later delivery still
    /// propagates the label); longer, a lost message is replaced later.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan MessageTimeToLive { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// Action index rows a propagation reads before marking them together; also the unit of its checkpoint (a
    /// crash repeats at most one chunk, idempotently). Larger chunks fill transactions better: an action partition
    /// gets one transaction per chunk.
    /// </summary>
    [Range(1, 100_000)]
    public int PropagationChunkSize { get; set; } = 20_000;

    /// <summary>
    /// The chunk of a label that also writes the reputation of its actions' users, devices, fingerprints and addresses
    /// (a correlation id, verification session, fraud ring or confirmed campaign): a read and a conditional write per
    /// entity make its actions far dearer than a mark, so its checkpoints come sooner. A campaign of 20,000 users took
    /// 341 s in one chunk on Azurite, past the message's 5-minute lock (bench/results/labels.md).
    /// </summary>
    [Range(1, 100_000)]
    public int EntityPropagationChunkSize { get; set; } = 2_000;

    /// <summary>Tenants for which Ravelin's POTENTIALLY_FRAUDSTER and POTENTIALLY_GENUINE reviews are enabled.</summary>
    public IList<string> RavelinPotentialReviewTenants { get; } = [];
}

/// <summary>How propagation messages travel.</summary>
public enum LabelTransportKind
{
    ServiceBus,

    /// <summary>The local Functions host's queue (tools/RiskFunctions.LocalHost), so local runs use the real trigger.</summary>
    LocalHost,
}
