using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Functions.Features.Labels;
using RiskFunctions.Functions.Features.Labels.Transport;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Testing.Time;

namespace RiskFunctions.Functions.Tests.Features.Labels.Transport;

/// <summary>
/// What the intake records about the propagation message once the label is stored, with storage and the transport as
/// seams: a message sent is recorded sent, so the outbox relay leaves the label to the queue.
/// </summary>
public sealed class LabelIntakeDispatchTests
{
    private const string Tenant = "tenant-1";
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider _time = new(At);
    private readonly Mock<LabelRepository> _labels = new();
    private readonly Mock<ILabelPropagationQueue> _queue = new();

    public LabelIntakeDispatchTests()
    {
        _labels.Setup(l => l.TryAddAsync(It.IsAny<StoredLabel>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((StoredLabel label, CancellationToken _) => label);
        _labels.Setup(l => l.TryUpdateAsync(It.IsAny<StoredLabel>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((StoredLabel label, CancellationToken _) => label);
    }

    [Fact]
    public async Task StoreAsync_MessageSent_RecordsWhenAndReturnsTheLabelAsRecorded()
    {
        var (stored, replayed) = await Intake().StoreAsync(Tenant, NewLabel(), CancellationToken.None);

        Assert.False(replayed);
        Assert.Equal(At, stored.MessageSentAt);
        Assert.Equal(LabelPropagationState.Pending, stored.State);
        _labels.Verify(l => l.TryUpdateAsync(It.Is<StoredLabel>(s => s.MessageSentAt == At), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task StoreAsync_MessageNotSent_RecordsNothing()
    {
        _queue.Setup(q => q.SendAsync(It.IsAny<LabelPropagationMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new HttpRequestException("refused"));

        var (stored, _) = await Intake().StoreAsync(Tenant, NewLabel(), CancellationToken.None);

        Assert.Null(stored.MessageSentAt);
        _labels.Verify(l => l.TryUpdateAsync(It.IsAny<StoredLabel>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    /// <summary>The label is stored and its message sent: a failure to record the send is the relay's to repair, not the client's.</summary>
    [Fact]
    public async Task StoreAsync_SendNotRecorded_StillAcceptsTheLabel()
    {
        _labels.Setup(l => l.TryUpdateAsync(It.IsAny<StoredLabel>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("storage hiccup"));

        var (stored, replayed) = await Intake().StoreAsync(Tenant, NewLabel(), CancellationToken.None);

        Assert.False(replayed);
        Assert.Null(stored.MessageSentAt);
    }

    private LabelIntake Intake() =>
        new(_labels.Object, Mock.Of<ActionRepository>(MockBehavior.Strict), _queue.Object, _time, NullLogger<LabelIntake>.Instance);

    private static Label NewLabel() =>
        new() { LabelId = LabelIds.New(), Type = LabelType.ConfirmedFraud, Subject = new LabelTarget(LabelSubjectType.UserId, "mallory"), LabeledAt = At };
}
