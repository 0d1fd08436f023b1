using Microsoft.Extensions.Options;
using RiskFunctions.Storage.TableSupport;

namespace RiskFunctions.Functions.Features.Labels;

/// <summary>
/// The intake's log of propagation messages it could not send. While the transport is out every label request fails
/// to send alike, and each label is safe in the outbox anyway: so one line without a stack trace, then at most one per
/// <see cref="OutageLogThrottle.Window"/> saying how many went unlogged, as storage outages are logged. One per process.
/// </summary>
public sealed partial class LabelSendFailureLog(TimeProvider time, IOptions<LabelsOptions> options, ILogger<LabelIntake> logger)
{
    private readonly OutageLogThrottle _throttle = new(time);

    /// <summary>Logs that the message of <paramref name="labelId"/> was not sent, cut short by the send bound when <paramref name="timedOut"/>.</summary>
    public void NotSent(string labelId, Exception exception, bool timedOut)
    {
        if (!_throttle.ShouldLog(out var unlogged))
        {
            return;
        }

        if (timedOut)
        {
            LogNotSentInTime(logger, labelId, options.Value.SendTimeout, unlogged);
            return;
        }

        LogNotSent(logger, labelId, OutageLogThrottle.Describe(exception), unlogged);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Propagation message for label {LabelId} not sent within {SendTimeout}; the outbox relay will send it ({Unlogged} more not sent since the last line)")]
    private static partial void LogNotSentInTime(ILogger logger, string labelId, TimeSpan sendTimeout, int unlogged);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Propagation message for label {LabelId} not sent ({Reason}); the outbox relay will send it ({Unlogged} more not sent since the last line)")]
    private static partial void LogNotSent(ILogger logger, string labelId, string reason, int unlogged);
}
