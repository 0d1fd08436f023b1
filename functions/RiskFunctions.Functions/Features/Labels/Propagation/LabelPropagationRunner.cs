using System.Text.Json;
using Microsoft.Extensions.Options;
using RiskFunctions.Functions.Features.Labels.Transport;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Functions.Features.Labels.Propagation;

/// <summary>
/// One delivery of a propagation message, whatever carried it (the Service Bus trigger or the embedded queue):
/// a malformed or unknown message is logged and completed, since retrying cannot fix it; a failure is reported
/// for redelivery, and on the last delivery the label is marked failed before the message is dead-lettered. While table
/// storage is out the delivery waits for it, in growing pauses up to <see cref="LabelsOptions.PropagationOutageWait"/>,
/// before it gives up: a redelivery may come at once, and a short outage must not spend them all. Outage failures are
/// logged as throttled single lines, without a stack trace.
/// </summary>
public sealed partial class LabelPropagationRunner(
    ILabelPropagator propagator,
    IOptions<LabelsOptions> options,
    OutageLogThrottle outageLog,
    TimeProvider timeProvider,
    ILogger<LabelPropagationRunner> logger)
{
    /// <summary>The first pause while storage is out; each next one doubles, up to <see cref="LongestOutagePause"/>.</summary>
    internal static readonly TimeSpan FirstOutagePause = TimeSpan.FromSeconds(1);

    internal static readonly TimeSpan LongestOutagePause = TimeSpan.FromSeconds(15);

    /// <summary>Whether the delivery is complete (true) or must be retried (false).</summary>
    public async Task<bool> RunAsync(ReadOnlyMemory<byte> body, string messageId, int deliveryCount, CancellationToken cancellationToken)
    {
        if (Parse(body) is not { } message)
        {
            logger.LogError("Propagation message {MessageId} is malformed and is dropped", messageId);
            return true;
        }

        var waited = TimeSpan.Zero;
        var pause = FirstOutagePause;
        while (true)
        {
            try
            {
                var outcome = await propagator.PropagateAsync(message.TenantId, message.LabelId, cancellationToken).ConfigureAwait(false);
                if (outcome == PropagationOutcome.UnknownLabel)
                {
                    logger.LogError("Propagation message {MessageId} names label {LabelId}, which does not exist; dropped", messageId, message.LabelId);
                }

                return true;
            }
            catch (Exception ex) when (StorageOutage.IsCause(ex) && waited + pause <= options.Value.PropagationOutageWait && !cancellationToken.IsCancellationRequested)
            {
                if (outageLog.ShouldLog(out var unlogged))
                {
                    LogStorageUnavailableWaiting(logger, message.LabelId, deliveryCount, pause, OutageLogThrottle.Describe(ex), unlogged);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogFailure(ex, message.LabelId, deliveryCount);
                if (deliveryCount >= options.Value.MaxDeliveryCount)
                {
                    await TryMarkFailedAsync(message, $"gave up after {deliveryCount} deliveries: {ex.GetType().Name}", cancellationToken).ConfigureAwait(false);
                }

                return false;
            }

            await Task.Delay(pause, timeProvider, cancellationToken).ConfigureAwait(false);
            waited += pause;
            pause = pause * 2 < LongestOutagePause ? pause * 2 : LongestOutagePause;
        }
    }

    private void LogFailure(Exception exception, string labelId, int deliveryCount)
    {
        if (!StorageOutage.IsCause(exception))
        {
            logger.LogWarning(exception, "Propagation of label {LabelId} failed on delivery {DeliveryCount}", labelId, deliveryCount);
        }
        else if (outageLog.ShouldLog(out var unlogged))
        {
            LogStorageUnavailable(logger, labelId, deliveryCount, OutageLogThrottle.Describe(exception), unlogged);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Table storage unavailable; propagation of label {LabelId} failed on delivery {DeliveryCount} ({Reason}); {Unlogged} earlier storage failures not logged")]
    private static partial void LogStorageUnavailable(ILogger logger, string labelId, int deliveryCount, string reason, int unlogged);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Table storage unavailable; propagation of label {LabelId} (delivery {DeliveryCount}) retries in {Pause} ({Reason}); {Unlogged} earlier storage failures not logged")]
    private static partial void LogStorageUnavailableWaiting(ILogger logger, string labelId, int deliveryCount, TimeSpan pause, string reason, int unlogged);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Table storage unavailable; label {LabelId} could not be marked failed ({Reason}); {Unlogged} earlier storage failures not logged")]
    private static partial void LogNotMarkedFailed(ILogger logger, string labelId, string reason, int unlogged);

    internal static LabelPropagationMessage? Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            var message = JsonSerializer.Deserialize(body.Span, LabelMessageJsonContext.Default.LabelPropagationMessage);
            return message is { TenantId.Length: > 0, LabelId.Length: > 0 } ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task TryMarkFailedAsync(LabelPropagationMessage message, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await propagator.MarkFailedAsync(message.TenantId, message.LabelId, reason, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Storage itself is failing; the dead-lettered message is what remains to investigate.
            if (!StorageOutage.IsCause(ex))
            {
                logger.LogError(ex, "Label {LabelId} could not be marked failed", message.LabelId);
            }
            else if (outageLog.ShouldLog(out var unlogged))
            {
                LogNotMarkedFailed(logger, message.LabelId, OutageLogThrottle.Describe(ex), unlogged);
            }
        }
    }
}
