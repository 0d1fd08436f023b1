using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Functions.Features.Labels;
using RiskFunctions.Functions.Features.Labels.Propagation;
using RiskFunctions.Functions.Features.Labels.Transport;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Logging;
using RiskFunctions.Testing.Time;

namespace RiskFunctions.Functions.Tests.Features.Labels;

/// <summary>
/// The outbox relay on real table storage (a table set per test: the relay reads every tenant's outbox) with the transport
/// seam faked and a manual clock: what it sends again, what it leaves to the queue, and when it gives a label up.
/// </summary>
public sealed class LabelOutboxRelayTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Tenant = "t-relay";

    private static readonly LabelsOptions Settings = new();

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
    private readonly RecordingQueue _queue = new();

    /// <summary>
    /// The scenario of a slow queue: the label's message was sent and waits in the queue for longer than every pass the
    /// relay makes. The relay neither sends it again nor gives the label up, so its delivery still propagates it.
    /// </summary>
    [Fact]
    public async Task Relay_LabelWhoseMessageWaitsInTheQueue_IsNeitherSentAgainNorGivenUp()
    {
        var labels = await LabelsAsync();
        var labelId = await AddAsync(labels, _time.GetUtcNow(), messageSentAt: _time.GetUtcNow());

        for (var pass = 0; pass <= LabelOutboxRelay.MaxRelays + 1; pass++)
        {
            _time.Advance(Settings.RelayAfter + TimeSpan.FromSeconds(1));
            await Relay(labels).RelayAsync(CancellationToken.None);
        }

        var label = await labels.GetAsync(Tenant, labelId);
        Assert.Empty(_queue.Sent);
        Assert.Equal((LabelPropagationState.Pending, 0), (label!.State, label.Relays));
    }

    [Fact]
    public async Task Relay_MessageNeverConfirmedSent_SendsItOnceAndLeavesItToTheQueue()
    {
        var labels = await LabelsAsync();
        var labelId = await AddAsync(labels, _time.GetUtcNow());

        _time.Advance(Settings.RelayAfter + TimeSpan.FromSeconds(1));
        var first = await Relay(labels).RelayAsync(CancellationToken.None);
        var sentAt = _time.GetUtcNow();
        _time.Advance((Settings.RelayAfter * 10) + TimeSpan.FromSeconds(1));
        var second = await Relay(labels).RelayAsync(CancellationToken.None);

        var label = await labels.GetAsync(Tenant, labelId);
        Assert.Equal((1, 0), (first, second));
        Assert.Equal([labelId], _queue.Sent);
        Assert.Equal((LabelPropagationState.Pending, 1, sentAt), (label!.State, label.Relays, label.MessageSentAt));
    }

    /// <summary>A message that cannot be in the queue any more (expired into the dead-letter queue, or lost) is replaced.</summary>
    [Fact]
    public async Task Relay_LastMessagePastItsTimeToLive_SendsAnother()
    {
        var labels = await LabelsAsync();
        var sentAt = _time.GetUtcNow() - Settings.MessageTimeToLive - TimeSpan.FromMinutes(1);
        var labelId = await AddAsync(labels, sentAt, messageSentAt: sentAt, relays: 2);

        await Relay(labels).RelayAsync(CancellationToken.None);

        var label = await labels.GetAsync(Tenant, labelId);
        Assert.Equal([labelId], _queue.Sent);
        Assert.Equal((LabelPropagationState.Pending, 3, _time.GetUtcNow()), (label!.State, label.Relays, label.MessageSentAt));
    }

    [Fact]
    public async Task Relay_RelayedTooOftenAndTheLastMessageExpired_GivesTheLabelUp()
    {
        var labels = await LabelsAsync();
        var sentAt = _time.GetUtcNow() - Settings.MessageTimeToLive - TimeSpan.FromMinutes(1);
        var labelId = await AddAsync(labels, sentAt, messageSentAt: sentAt, relays: LabelOutboxRelay.MaxRelays);

        await Relay(labels).RelayAsync(CancellationToken.None);

        var label = await labels.GetAsync(Tenant, labelId);
        Assert.Empty(_queue.Sent);
        Assert.Equal(LabelPropagationState.Failed, label!.State);
        Assert.True(LabelOutboxRelay.GaveUp(label));
    }

    /// <summary>A label stored by an earlier version, relayed often while none of its sends was recorded: it is sent, not failed.</summary>
    [Fact]
    public async Task Relay_RelayedOftenButNeverConfirmedSent_IsSentNotGivenUp()
    {
        var labels = await LabelsAsync();
        var labelId = await AddAsync(labels, _time.GetUtcNow() - TimeSpan.FromHours(1), relays: LabelOutboxRelay.MaxRelays);

        await Relay(labels).RelayAsync(CancellationToken.None);

        var label = await labels.GetAsync(Tenant, labelId);
        Assert.Equal([labelId], _queue.Sent);
        Assert.Equal(LabelPropagationState.Pending, label!.State);
        Assert.Equal(_time.GetUtcNow(), label.MessageSentAt);
    }

    /// <summary>One label's send fails: the others are still sent, and the failed one keeps every relay it had for the next pass.</summary>
    [Fact]
    public async Task Relay_OneSendFails_SendsTheOthersAndTheFailedLabelKeepsItsRelays()
    {
        var labels = await LabelsAsync();
        var storedAt = _time.GetUtcNow() - TimeSpan.FromHours(1);
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await AddAsync(labels, storedAt));
        }

        var unlucky = ids[1];
        _queue.Failing = labelId => labelId == unlucky ? new HttpRequestException("connection reset") : null;
        var first = await Relay(labels).RelayAsync(CancellationToken.None);
        var afterFirst = await labels.GetAsync(Tenant, unlucky);
        _queue.Failing = null;
        _time.Advance(Settings.RelayAfter + TimeSpan.FromSeconds(1));
        var second = await Relay(labels).RelayAsync(CancellationToken.None);

        Assert.Equal((3, 1), (first, second));
        Assert.Equal(ids.Order(StringComparer.Ordinal), _queue.Sent.Order(StringComparer.Ordinal));
        Assert.Equal((LabelPropagationState.Pending, 0, (DateTimeOffset?)null), (afterFirst!.State, afterFirst.Relays, afterFirst.MessageSentAt));
        Assert.Equal(1, (await labels.GetAsync(Tenant, unlucky))!.Relays);
    }

    /// <summary>
    /// The transport is out for longer than every relay a label has: each pass stops after a few failed sends, logs one
    /// line, and uses up nothing, so once the transport is back every label is sent, none failed.
    /// </summary>
    [Fact]
    public async Task Relay_TransportOut_StopsEachPassEarlyWithoutUsingUpRelays()
    {
        var labels = await LabelsAsync();
        var storedAt = _time.GetUtcNow() - TimeSpan.FromHours(1);
        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add(await AddAsync(labels, storedAt));
        }

        var logs = new CapturedLogs();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs));
        _queue.Failing = _ => new HttpRequestException("no route to host");
        for (var pass = 0; pass <= LabelOutboxRelay.MaxRelays; pass++)
        {
            Assert.Equal(0, await Relay(labels, loggers.CreateLogger<LabelOutboxRelay>()).RelayAsync(CancellationToken.None));
            _time.Advance(Settings.RelayAfter + TimeSpan.FromSeconds(1));
        }

        var attemptsDuringTheOutage = _queue.Attempts;
        _queue.Failing = null;
        var afterOutage = await Relay(labels).RelayAsync(CancellationToken.None);

        Assert.Equal((LabelOutboxRelay.MaxRelays + 1) * LabelOutboxRelay.OutageSends, attemptsDuringTheOutage);
        Assert.Equal(LabelOutboxRelay.MaxRelays + 1, logs.Entries.Count(entry => entry.Level == LogLevel.Warning && entry.Message.Contains("stopped early", StringComparison.Ordinal)));
        Assert.Equal(ids.Count, afterOutage);
        foreach (var labelId in ids)
        {
            var label = await labels.GetAsync(Tenant, labelId);
            Assert.Equal((LabelPropagationState.Pending, 1), (label!.State, label.Relays));
        }
    }

    private LabelOutboxRelay Relay(LabelRepository labels, ILogger<LabelOutboxRelay>? logger = null) =>
        new(labels, [], _queue, Options.Create(Settings), _time, logger ?? NullLogger<LabelOutboxRelay>.Instance);

    private async Task<LabelRepository> LabelsAsync()
    {
        var tables = new RiskTables(azurite.CreateServiceClient(), azurite.NewTablePrefix());
        await tables.EnsureCreatedAsync(LabelTables.All);
        return new LabelRepository(tables);
    }

    private static async Task<string> AddAsync(LabelRepository labels, DateTimeOffset storedAt, DateTimeOffset? messageSentAt = null, int relays = 0)
    {
        var labelId = LabelIds.New();
        Assert.NotNull(await labels.TryAddAsync(new StoredLabel
        {
            TenantId = Tenant,
            Label = new Label { LabelId = labelId, Type = LabelType.ConfirmedFraud, Subject = new LabelTarget(LabelSubjectType.UserId, "mallory"), LabeledAt = storedAt },
            StateChangedAt = storedAt,
            MessageSentAt = messageSentAt,
            Relays = relays,
        }));
        return labelId;
    }

    /// <summary>The transport seam: keeps the label id of every message sent, and fails the sends <see cref="Failing"/> says.</summary>
    private sealed class RecordingQueue : ILabelPropagationQueue
    {
        private readonly List<string> _sent = [];
        private int _attempts;

        /// <summary>The failure of a send of the label with this id, or null to send it.</summary>
        public Func<string, Exception?>? Failing { get; set; }

        public int Attempts => Volatile.Read(ref _attempts);

        public IReadOnlyList<string> Sent
        {
            get
            {
                lock (_sent)
                {
                    return [.. _sent];
                }
            }
        }

        public Task SendAsync(LabelPropagationMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            if (Failing?.Invoke(message.LabelId) is { } failure)
            {
                return Task.FromException(failure);
            }

            lock (_sent)
            {
                _sent.Add(message.LabelId);
            }

            return Task.CompletedTask;
        }
    }
}
