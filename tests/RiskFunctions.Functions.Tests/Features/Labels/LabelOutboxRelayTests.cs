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

    private LabelOutboxRelay Relay(LabelRepository labels) =>
        new(labels, [], _queue, Options.Create(Settings), _time, NullLogger<LabelOutboxRelay>.Instance);

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

    /// <summary>The transport seam: keeps the label id of every message sent.</summary>
    private sealed class RecordingQueue : ILabelPropagationQueue
    {
        private readonly List<string> _sent = [];

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
            lock (_sent)
            {
                _sent.Add(message.LabelId);
            }

            return Task.CompletedTask;
        }
    }
}
