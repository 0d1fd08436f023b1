using Microsoft.Azure.Functions.Worker;

namespace RiskFunctions.Functions.Features.Labels.Propagation;

/// <summary>Sends again the propagation messages of labels that stayed pending too long (a lost or failed send).</summary>
public sealed partial class LabelOutboxRelayFunction(LabelOutboxRelay relay, ILogger<LabelOutboxRelayFunction> logger)
{
    [Function(nameof(LabelOutboxRelay))]
    public async Task LabelOutboxRelay(
        [TimerTrigger("%" + LabelTriggerSettings.OutboxRelaySchedule + "%")] TimerInfo timer,
        CancellationToken cancellationToken)
    {
        var sent = await relay.RelayAsync(cancellationToken);
        LogRelayed(logger, sent);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox relay sent {LabelCount} propagation message(s) again")]
    private static partial void LogRelayed(ILogger logger, int labelCount);
}
