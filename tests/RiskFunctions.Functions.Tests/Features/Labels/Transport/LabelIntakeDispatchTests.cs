using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Functions.Features.Labels;
using RiskFunctions.Functions.Features.Labels.Transport;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.Logging;
using RiskFunctions.Testing.Time;

namespace RiskFunctions.Functions.Tests.Features.Labels.Transport;

/// <summary>
/// What the intake does with the propagation message once the label is stored, with storage and the transport as
/// seams: a message sent is recorded sent, so the outbox relay leaves the label to the queue; a send the transport does
/// not finish in time is left to the relay, and only the request's own cancellation fails the request.
/// </summary>
public sealed class LabelIntakeDispatchTests : IDisposable
{
    private const string Tenant = "tenant-1";
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly LabelsOptions Settings = new();

    private readonly ManualTimeProvider _time = new(At);
    private readonly Mock<LabelRepository> _labels = new();
    private readonly Mock<ILabelPropagationQueue> _queue = new();
    private readonly CapturedLogs _logs = new();
    private readonly ILoggerFactory _loggers;

    public LabelIntakeDispatchTests()
    {
        _loggers = LoggerFactory.Create(builder => builder.AddProvider(_logs));
        _labels.Setup(l => l.TryAddAsync(It.IsAny<StoredLabel>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((StoredLabel label, CancellationToken _) => label);
        _labels.Setup(l => l.TryUpdateAsync(It.IsAny<StoredLabel>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((StoredLabel label, CancellationToken _) => label);
    }

    public void Dispose() => _loggers.Dispose();

    [Fact]
    public async Task StoreAsync_MessageSent_RecordsWhenAndReturnsTheLabelAsRecorded()
    {
        var (stored, replayed) = await Intake().StoreAsync(Tenant, NewLabel(), CancellationToken.None);

        Assert.False(replayed);
        Assert.Equal(At, stored.MessageSentAt);
        Assert.Equal(LabelPropagationState.Pending, stored.State);
        _labels.Verify(l => l.TryUpdateAsync(It.Is<StoredLabel>(s => s.MessageSentAt == At), It.IsAny<CancellationToken>()), Times.Once);
    }

    /// <summary>A send that fails after the label is stored: the label is acknowledged and left pending for the outbox relay.</summary>
    [Fact]
    public async Task StoreAsync_BrokerUnavailable_StoresThePendingLabelAndDoesNotThrow()
    {
        var sender = new Mock<ServiceBusSender>();
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ServiceBusException("the namespace is unavailable", ServiceBusFailureReason.ServiceCommunicationProblem));
        var label = NewLabel();

        var (result, replayed) = await Intake(new ServiceBusLabelPropagationQueue(sender.Object)).StoreAsync(Tenant, label, CancellationToken.None);

        Assert.False(replayed);
        Assert.Equal(LabelPropagationState.Pending, result.State);
        _labels.Verify(l => l.TryAddAsync(It.Is<StoredLabel>(stored => stored.Label.LabelId == label.LabelId), It.IsAny<CancellationToken>()), Times.Once);
        sender.Verify(s => s.SendMessageAsync(It.Is<ServiceBusMessage>(m => m.MessageId == label.LabelId), It.IsAny<CancellationToken>()), Times.Once);
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

    /// <summary>
    /// Service Bus is down and the client would wait out its retries (10 s a try, three tries): the request stops waiting
    /// after the send's bound and the label is left to the relay, pending and acknowledged.
    /// </summary>
    [Fact]
    public async Task StoreAsync_ServiceBusSendNotDoneWithinTheBound_LeavesTheLabelToTheRelay()
    {
        var sender = new Mock<ServiceBusSender>();
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Returns((ServiceBusMessage _, CancellationToken token) => Task.Delay(Timeout.Infinite, token));

        var storing = Intake(new ServiceBusLabelPropagationQueue(sender.Object)).StoreAsync(Tenant, NewLabel(), CancellationToken.None);
        var waiting = storing.IsCompleted;
        _time.Advance(Settings.SendTimeout);
        var (stored, replayed) = await storing.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(waiting);
        Assert.False(replayed);
        Assert.Equal(LabelPropagationState.Pending, stored.State);
        Assert.Null(stored.MessageSentAt);
    }

    /// <summary>
    /// Service Bus is out and every label request fails to send alike: one warning line without a stack trace, then one a
    /// window later saying how many went unlogged, not a stack trace per request.
    /// </summary>
    [Fact]
    public async Task StoreAsync_TransportOutOverManyRequests_LogsOneLinePerWindow()
    {
        _queue.Setup(q => q.SendAsync(It.IsAny<LabelPropagationMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ServiceBusException("connection refused", ServiceBusFailureReason.ServiceCommunicationProblem));
        var intake = Intake();

        for (var i = 0; i < 20; i++)
        {
            await intake.StoreAsync(Tenant, NewLabel(), CancellationToken.None);
        }

        _time.Advance(OutageLogThrottle.DefaultWindow);
        await intake.StoreAsync(Tenant, NewLabel(), CancellationToken.None);

        var warnings = _logs.Entries.Where(entry => entry.Level == LogLevel.Warning).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, warning => Assert.Null(warning.Exception));
        Assert.Contains("ServiceBusException: connection refused", warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("(19 more not sent since the last line)", warnings[1].Message, StringComparison.Ordinal);
    }

    /// <summary>The client went away: its cancellation ends the request, as anywhere else.</summary>
    [Fact]
    public async Task StoreAsync_RequestCancelledDuringTheSend_Propagates()
    {
        using var request = new CancellationTokenSource();
        _queue.Setup(q => q.SendAsync(It.IsAny<LabelPropagationMessage>(), It.IsAny<CancellationToken>()))
            .Returns((LabelPropagationMessage _, CancellationToken token) => Task.Delay(Timeout.Infinite, token));

        var storing = Intake().StoreAsync(Tenant, NewLabel(), request.Token);
        await request.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => storing);
    }

    /// <summary>
    /// The local host does not answer and the transport's HttpClient times out (a cancellation the request did not ask
    /// for): the label is stored, so it is left to the relay, not answered as a failure.
    /// </summary>
    [Fact]
    public async Task StoreAsync_LocalHostClientTimesOut_LeavesTheLabelToTheRelay()
    {
        using var client = new HttpClient(new UnansweredHandler()) { BaseAddress = new Uri("http://127.0.0.1:7071/"), Timeout = TimeSpan.FromMilliseconds(50) };

        var (stored, replayed) = await Intake(new LocalHostLabelPropagationQueue(client, "label-propagation")).StoreAsync(Tenant, NewLabel(), CancellationToken.None);

        Assert.False(replayed);
        Assert.Equal(LabelPropagationState.Pending, stored.State);
        Assert.Null(stored.MessageSentAt);
    }

    private LabelIntake Intake(ILabelPropagationQueue? queue = null, LabelSendFailureLog? sendFailures = null) => new(
        _labels.Object, Mock.Of<ActionRepository>(MockBehavior.Strict), queue ?? _queue.Object, Options.Create(Settings), _time,
        sendFailures ?? SendFailureLog(), NullLogger<LabelIntake>.Instance);

    private LabelSendFailureLog SendFailureLog() => new(_time, Options.Create(Settings), _loggers.CreateLogger<LabelIntake>());

    /// <summary>A host that accepts the request and never answers.</summary>
    private sealed class UnansweredHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    private static Label NewLabel() =>
        new() { LabelId = LabelIds.New(), Type = LabelType.ConfirmedFraud, Subject = new LabelTarget(LabelSubjectType.UserId, "mallory"), LabeledAt = At };
}
