using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using RiskFunctions.Handler.Features.Labels.Propagation;

namespace RiskFunctions.Handler.Features.Labels.Transport;

/// <summary>
/// The standalone transport: an embedded queue with the delivery semantics of the Service Bus queue it stands
/// in for (at least once, redelivery with a growing delivery count, dead-lettering after the max delivery count),
/// drained by a background consumer through the same <see cref="LabelPropagationRunner"/> the Functions trigger
/// uses. Messages live in memory: a restart loses the queue, and the outbox relay (run on a timer here too)
/// sends the affected labels again.
/// </summary>
public sealed class InProcessLabelPropagationQueue(
    IServiceScopeFactory scopes,
    IOptions<LabelsOptions> options,
    TimeProvider timeProvider,
    ILogger<InProcessLabelPropagationQueue> logger) : BackgroundService, ILabelPropagationQueue
{
    private const int Consumers = 2;
    private static readonly TimeSpan RedeliveryDelay = TimeSpan.FromSeconds(1);

    private readonly Channel<Delivery> _channel = Channel.CreateUnbounded<Delivery>();

    public Task SendAsync(LabelPropagationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = JsonSerializer.SerializeToUtf8Bytes(message, LabelMessageJsonContext.Default.LabelPropagationMessage);
        return _channel.Writer.WriteAsync(new Delivery(body, message.LabelId, 1), cancellationToken).AsTask();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Consumers).Select(_ => ConsumeAsync(stoppingToken)).Append(RelayPeriodicallyAsync(stoppingToken)));

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        await foreach (var delivery in _channel.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            bool completed;
            using (var scope = scopes.CreateScope())
            {
                var runner = scope.ServiceProvider.GetRequiredService<LabelPropagationRunner>();
                completed = await runner.RunAsync(delivery.Body, delivery.MessageId, delivery.DeliveryCount, stoppingToken).ConfigureAwait(false);
            }

            if (completed)
            {
                continue;
            }

            if (delivery.DeliveryCount >= options.Value.MaxDeliveryCount)
            {
                logger.LogError("Propagation message {MessageId} dead-lettered after {DeliveryCount} deliveries", delivery.MessageId, delivery.DeliveryCount);
                continue;
            }

            _ = RedeliverLaterAsync(delivery with { DeliveryCount = delivery.DeliveryCount + 1 }, stoppingToken);
        }
    }

    private async Task RedeliverLaterAsync(Delivery delivery, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(RedeliveryDelay, timeProvider, stoppingToken).ConfigureAwait(false);
            await _channel.Writer.WriteAsync(delivery, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the outbox relay sends the label again after the restart.
        }
    }

    private async Task RelayPeriodicallyAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RelayInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    await scope.ServiceProvider.GetRequiredService<LabelOutboxRelay>().RelayAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Outbox relay failed; it runs again in {Interval}", options.Value.RelayInterval);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private sealed record Delivery(ReadOnlyMemory<byte> Body, string MessageId, int DeliveryCount);
}
