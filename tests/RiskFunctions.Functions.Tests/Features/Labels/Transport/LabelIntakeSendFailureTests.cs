using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Functions.Features.Labels;
using RiskFunctions.Functions.Features.Labels.Transport;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Testing.Time;

namespace RiskFunctions.Functions.Tests.Features.Labels.Transport;

/// <summary>A send that fails after the label is stored: the label is acknowledged and left pending for the outbox relay.</summary>
public sealed class LabelIntakeSendFailureTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task StoreAsync_BrokerUnavailable_StoresThePendingLabelAndDoesNotThrow()
    {
        var labels = new Mock<LabelRepository>();
        StoredLabel? stored = null;
        labels.Setup(l => l.TryAddAsync(It.IsAny<StoredLabel>(), It.IsAny<CancellationToken>()))
            .Callback<StoredLabel, CancellationToken>((label, _) => stored = label)
            .ReturnsAsync((StoredLabel label, CancellationToken _) => label);
        var sender = new Mock<ServiceBusSender>();
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ServiceBusException("the namespace is unavailable", ServiceBusFailureReason.ServiceCommunicationProblem));
        var intake = new LabelIntake(labels.Object, Mock.Of<ActionRepository>(MockBehavior.Strict), new ServiceBusLabelPropagationQueue(sender.Object),
            Options.Create(new LabelsOptions()), new ManualTimeProvider(At), NullLogger<LabelIntake>.Instance);
        var label = new Label { LabelId = LabelIds.New(), Type = LabelType.ConfirmedFraud, Subject = new LabelTarget(LabelSubjectType.UserId, "mallory"), LabeledAt = At };

        var (result, replayed) = await intake.StoreAsync("tenant-1", label, CancellationToken.None);

        Assert.False(replayed);
        Assert.Same(stored, result);
        Assert.Equal(LabelPropagationState.Pending, result.State);
        sender.Verify(s => s.SendMessageAsync(It.Is<ServiceBusMessage>(m => m.MessageId == label.LabelId), It.IsAny<CancellationToken>()), Times.Once);
    }
}
