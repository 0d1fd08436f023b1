namespace RiskFunctions.Functions.Features.Labels.Transport;

/// <summary>Where propagation messages are sent: Service Bus in Azure, an embedded queue when standalone.</summary>
public interface ILabelPropagationQueue
{
    /// <summary>Completes once the message is durably accepted (or, in process, queued).</summary>
    Task SendAsync(LabelPropagationMessage message, CancellationToken cancellationToken);
}
