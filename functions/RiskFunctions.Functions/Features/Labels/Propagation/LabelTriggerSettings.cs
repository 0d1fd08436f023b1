namespace RiskFunctions.Functions.Features.Labels.Propagation;

/// <summary>
/// The app settings the label triggers bind to (<c>%name%</c> in the trigger attributes). The same names appear in
/// local.settings, the infrastructure's app settings and the local host's queue.
/// </summary>
public static class LabelTriggerSettings
{
    /// <summary>App setting holding the label propagation queue's name.</summary>
    public const string Queue = "LabelPropagationQueue";

    /// <summary>App setting holding the outbox relay's NCRONTAB schedule.</summary>
    public const string OutboxRelaySchedule = "LabelOutboxRelaySchedule";

    /// <summary>Connection setting name of the Service Bus namespace (identity-based in Azure).</summary>
    public const string ServiceBusConnection = nameof(ServiceBusConnection);
}
