using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Functions.Features.Labels;
using RiskFunctions.Functions.Features.Labels.Propagation;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Campaigns;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Testing.Security;

namespace RiskFunctions.Functions.Tests.Features.Labels;

/// <summary>The propagator itself on the shared Azurite: chunks, checkpoints and supersession.</summary>
[Collection(LabelsAppCollection.Name)]
public sealed class LabelPropagatorTests(LabelsAppFixture fixture)
{
    private const int ChunkSize = 10;
    private const int EntityChunkSize = 3;

    [Fact]
    public async Task Propagate_CrashAfterMarkingTheSecondChunk_ResumesAndCountsEachActionOnce()
    {
        var tenant = TestTenant.Create();
        var tokens = await AddActionsAsync(tenant.Id, "ursula", 25);
        var labelId = await fixture.StoreLabelAsync(tenant.Id, LabelSubjectType.UserId, "ursula");
        var crashing = new CrashingMarker(Marker(), markingsBeforeCrash: 2);

        await Assert.ThrowsAsync<IOException>(() => Propagator(crashing).PropagateAsync(tenant.Id, labelId, CancellationToken.None));
        var halfWay = await fixture.Labels.GetAsync(tenant.Id, labelId);
        var outcome = await Propagator(Marker()).PropagateAsync(tenant.Id, labelId, CancellationToken.None);

        Assert.Equal((LabelPropagationState.Running, ChunkSize), (halfWay!.State, halfWay.AffectedCount));
        Assert.Equal(PropagationOutcome.Done, outcome);
        var done = await fixture.Labels.GetAsync(tenant.Id, labelId);
        Assert.Equal((LabelPropagationState.Done, 25L), (done!.State, done.AffectedCount));
        foreach (var token in tokens)
        {
            Assert.Equal(labelId, (await fixture.Actions.GetAsync(tenant.Id, token))!.LabelId);
        }

        Assert.Equal(1, (await fixture.Reputation.GetAsync(tenant.Id, ReputationEntityKind.User, "ursula")).FraudLabels);
    }

    /// <summary>
    /// A label that also writes its actions' entities' reputation (here a correlation id) checkpoints after the smaller
    /// chunk: a crash repeats that much, not a whole chunk of marks.
    /// </summary>
    [Fact]
    public async Task Propagate_CorrelationLabel_ChecksItsProgressAfterEachEntityChunk()
    {
        var tenant = TestTenant.Create();
        for (var i = 0; i < 7; i++)
        {
            await fixture.AddActionAsync(tenant.Id, userId: "user-" + i, correlationId: "order-7", at: DateTimeOffset.UtcNow.AddSeconds(-i));
        }

        var labelId = await fixture.StoreLabelAsync(tenant.Id, LabelSubjectType.CorrelationId, "order-7");
        var crashing = new CrashingMarker(Marker(), markingsBeforeCrash: 2);

        await Assert.ThrowsAsync<IOException>(() => Propagator(crashing).PropagateAsync(tenant.Id, labelId, CancellationToken.None));
        var halfWay = await fixture.Labels.GetAsync(tenant.Id, labelId);
        await Propagator(Marker()).PropagateAsync(tenant.Id, labelId, CancellationToken.None);

        Assert.Equal((LabelPropagationState.Running, (long)EntityChunkSize), (halfWay!.State, halfWay.AffectedCount));
        var done = await fixture.Labels.GetAsync(tenant.Id, labelId);
        Assert.Equal((LabelPropagationState.Done, 7L), (done!.State, done.AffectedCount));
        Assert.Equal(1, (await fixture.Reputation.GetAsync(tenant.Id, ReputationEntityKind.User, "user-6")).FraudLabels);
    }

    [Fact]
    public async Task Propagate_OlderLabelAfterANewerOne_LeavesTheNewerOnEveryActionAndCountsThemAll()
    {
        var tenant = TestTenant.Create();
        var tokens = await AddActionsAsync(tenant.Id, "victor", 15);
        var newer = await fixture.StoreLabelAsync(tenant.Id, LabelSubjectType.UserId, "victor", LabelType.ConfirmedLegit, DateTimeOffset.UtcNow);
        var older = await fixture.StoreLabelAsync(tenant.Id, LabelSubjectType.UserId, "victor", LabelType.ConfirmedFraud, DateTimeOffset.UtcNow.AddHours(-1));

        await Propagator(Marker()).PropagateAsync(tenant.Id, newer, CancellationToken.None);
        await Propagator(Marker()).PropagateAsync(tenant.Id, older, CancellationToken.None);

        Assert.Equal(15, (await fixture.Labels.GetAsync(tenant.Id, older))!.AffectedCount);
        foreach (var token in tokens)
        {
            var action = (await fixture.Actions.GetAsync(tenant.Id, token))!;
            Assert.Equal((newer, nameof(LabelType.ConfirmedLegit)), (action.LabelId, action.LabelType));
        }

        Assert.Equal(ReputationStanding.ConfirmedLegit, (await fixture.Reputation.GetAsync(tenant.Id, ReputationEntityKind.User, "victor")).Standing);
    }

    [Fact]
    public async Task Propagate_FraudLabelOnAUser_ReadsItsIndexOnceAndCarriesTheFraudToEveryDeviceAndAddress()
    {
        var tenant = TestTenant.Create();
        await AddActionsAsync(tenant.Id, "yuri", 25, i => $"192.0.2.{100 + (i % 3)}");

        var labelId = await fixture.StoreLabelAsync(tenant.Id, LabelSubjectType.UserId, "yuri");
        var index = new CountingIndex(fixture.Tables);

        await Propagator(Marker(), index).PropagateAsync(tenant.Id, labelId, CancellationToken.None);

        // Three chunks of 10, 10 and 5 actions: the marking pass's pages, and no second pass for the devices and addresses.
        Assert.Equal(3, index.Pages);
        Assert.Equal(25, (await fixture.Labels.GetAsync(tenant.Id, labelId))!.AffectedCount);
        var states = new SubjectStateRepository(fixture.Tables);
        foreach (var subject in new[] { new ActionSubject(ActionSubjectKind.DeviceId, "device-of-yuri") }
            .Concat(Enumerable.Range(100, 3).Select(octet => new ActionSubject(ActionSubjectKind.IpAddress, $"192.0.2.{octet}"))))
        {
            Assert.Equal([SubjectStateHash.Of("yuri")], (await states.ReadAsync(tenant.Id, subject)).LinkedFraud.Select(linked => linked.User));
        }
    }

    [Fact]
    public async Task Propagate_UserLabelResumedFromACheckpoint_StillCarriesTheFraudToAddressesOfTheChunksBeforeIt()
    {
        var tenant = TestTenant.Create();
        await AddActionsAsync(tenant.Id, "zora", 25, i => $"192.0.2.{110 + (i / 10)}");

        var labelId = await fixture.StoreLabelAsync(tenant.Id, LabelSubjectType.UserId, "zora");
        await Assert.ThrowsAsync<IOException>(() => Propagator(new CrashingMarker(Marker(), markingsBeforeCrash: 2)).PropagateAsync(tenant.Id, labelId, CancellationToken.None));

        await Propagator(Marker()).PropagateAsync(tenant.Id, labelId, CancellationToken.None);

        // The newest actions (the first chunk) used 192.0.2.110: only a second pass over the index finds it.
        var states = new SubjectStateRepository(fixture.Tables);
        foreach (var octet in new[] { 110, 111, 112 })
        {
            Assert.Single((await states.ReadAsync(tenant.Id, new ActionSubject(ActionSubjectKind.IpAddress, $"192.0.2.{octet}"))).LinkedFraud);
        }
    }

    [Fact]
    public async Task Propagate_OlderUserLabelAfterANewerIpLabel_LeavesTheIpLabelOnTheSharedActions()
    {
        var tenant = TestTenant.Create();
        var shared = await fixture.AddActionAsync(tenant.Id, userId: "xena", ip: "192.0.2.77");
        var userOnly = await fixture.AddActionAsync(tenant.Id, userId: "xena", ip: "192.0.2.78");
        var ipLabel = await fixture.StoreLabelAsync(tenant.Id, LabelSubjectType.IpAddress, "192.0.2.77", LabelType.ConfirmedFraud, DateTimeOffset.UtcNow);
        var userLabel = await fixture.StoreLabelAsync(tenant.Id, LabelSubjectType.UserId, "xena", LabelType.ConfirmedLegit, DateTimeOffset.UtcNow.AddMinutes(-5));

        await Propagator(Marker()).PropagateAsync(tenant.Id, ipLabel, CancellationToken.None);
        await Propagator(Marker()).PropagateAsync(tenant.Id, userLabel, CancellationToken.None);

        Assert.Equal(ipLabel, (await fixture.Actions.GetAsync(tenant.Id, shared.ActionToken))!.LabelId);
        Assert.Equal(userLabel, (await fixture.Actions.GetAsync(tenant.Id, userOnly.ActionToken))!.LabelId);
        Assert.Equal(2, (await fixture.Labels.GetAsync(tenant.Id, userLabel))!.AffectedCount);
    }

    [Fact]
    public async Task Propagate_OlderAndNewerLabelOfOneSubjectAtOnce_EveryActionEndsWithTheNewer()
    {
        var tenant = TestTenant.Create();
        var tokens = await AddActionsAsync(tenant.Id, "yusuf", 30);
        var now = DateTimeOffset.UtcNow;
        var older = await Task.WhenAll(Enumerable.Range(1, 3).Select(i =>
            fixture.StoreLabelAsync(tenant.Id, LabelSubjectType.UserId, "yusuf", LabelType.ConfirmedFraud, now.AddMinutes(-i))));
        var newer = await fixture.StoreLabelAsync(tenant.Id, LabelSubjectType.UserId, "yusuf", LabelType.ConfirmedLegit, now);

        await Task.WhenAll(older.Append(newer).Select(labelId => Task.Run(() => Propagator(Marker()).PropagateAsync(tenant.Id, labelId, CancellationToken.None))));

        foreach (var token in tokens)
        {
            Assert.Equal(newer, (await fixture.Actions.GetAsync(tenant.Id, token))!.LabelId);
        }

        foreach (var labelId in older.Append(newer))
        {
            Assert.Equal(30, (await fixture.Labels.GetAsync(tenant.Id, labelId))!.AffectedCount);
        }
    }

    [Fact]
    public async Task Propagate_IndexRowOfAnActionThatWasNeverStored_IsNotCounted()
    {
        var tenant = TestTenant.Create();
        var tokens = await AddActionsAsync(tenant.Id, "wendy", 3);
        var unstored = new StoredAction
        {
            TenantId = tenant.Id,
            ActionToken = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ActionType = "login",
            OccurredAt = DateTimeOffset.UtcNow,
            UserId = "wendy",
            Recommendation = "ALLOW",
            RecommendationDocument = "{}"u8.ToArray(),
        };
        await fixture.Index.IndexAsync(unstored);
        var labelId = await fixture.StoreLabelAsync(tenant.Id, LabelSubjectType.UserId, "wendy");

        await Propagator(Marker()).PropagateAsync(tenant.Id, labelId, CancellationToken.None);

        Assert.Equal(tokens.Count, (await fixture.Labels.GetAsync(tenant.Id, labelId))!.AffectedCount);
        Assert.Null(await fixture.Actions.GetAsync(tenant.Id, unstored.ActionToken));
    }

    /// <summary>
    /// The outbox relay gave the label up while its message was still on its way: the delivery that comes reopens it and
    /// propagates it, back in the outbox and with the delivered message recorded as the one the queue governs.
    /// </summary>
    [Fact]
    public async Task Propagate_DeliveryOfALabelTheRelayGaveUp_ReopensAndPropagatesIt()
    {
        var tenant = TestTenant.Create();
        await AddActionsAsync(tenant.Id, "zelda", 3);
        var labelId = await fixture.StoreLabelAsync(tenant.Id, LabelSubjectType.UserId, "zelda");
        var pending = await fixture.Labels.GetAsync(tenant.Id, labelId);
        var givenUp = await fixture.Labels.TryUpdateAsync(pending! with
        {
            State = LabelPropagationState.Failed,
            FailureReason = LabelOutboxRelay.GaveUpReason,
            Relays = LabelOutboxRelay.MaxRelays,
        });
        var beforeDelivery = DateTimeOffset.UtcNow;

        var outcome = await Propagator(Marker()).PropagateAsync(tenant.Id, labelId, CancellationToken.None);

        var done = await fixture.Labels.GetAsync(tenant.Id, labelId);
        Assert.True(LabelOutboxRelay.GaveUp(givenUp!));
        Assert.Equal(PropagationOutcome.Done, outcome);
        Assert.Equal((LabelPropagationState.Done, 3L, (string?)null), (done!.State, done.AffectedCount, done.FailureReason));
        Assert.True(done.MessageSentAt >= beforeDelivery);
        Assert.Equal(ReputationStanding.ConfirmedFraud, (await fixture.Reputation.GetAsync(tenant.Id, ReputationEntityKind.User, "zelda")).Standing);
    }

    /// <summary>A label its last delivery failed is finished: a later copy of its message does not start it again.</summary>
    [Fact]
    public async Task Propagate_DeliveryOfALabelFailedOnItsLastDelivery_LeavesItFailed()
    {
        var tenant = TestTenant.Create();
        await AddActionsAsync(tenant.Id, "yvonne", 2);
        var labelId = await fixture.StoreLabelAsync(tenant.Id, LabelSubjectType.UserId, "yvonne");
        var propagator = Propagator(Marker());
        await propagator.MarkFailedAsync(tenant.Id, labelId, "gave up after 10 deliveries: IOException", CancellationToken.None);

        await propagator.PropagateAsync(tenant.Id, labelId, CancellationToken.None);

        var label = await fixture.Labels.GetAsync(tenant.Id, labelId);
        Assert.Equal((LabelPropagationState.Failed, 0L), (label!.State, label.AffectedCount));
    }

    /// <summary>The user's <paramref name="count"/> actions, newest first, the <c>i</c>-th from the address <paramref name="ipOf"/> gives.</summary>
    private async Task<List<string>> AddActionsAsync(string tenantId, string userId, int count, Func<int, string>? ipOf = null)
    {
        var tokens = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            tokens.Add((await fixture.AddActionAsync(tenantId, userId: userId, ip: ipOf?.Invoke(i), at: DateTimeOffset.UtcNow.AddSeconds(-i))).ActionToken);
        }

        return tokens;
    }

    private ActionLabelMarker Marker() => new(fixture.Tables, fixture.Actions, parallelism: 4, readParallelism: 8);

    private LabelPropagator Propagator(ActionLabelMarker marker, ActionIndexRepository? index = null) => new(
        fixture.Labels,
        fixture.Actions,
        index ?? fixture.Index,
        marker,
        new SubjectLabelRegistry(fixture.Tables),
        new SubjectLabelWriter(marker, new SubjectLabelRegistry(fixture.Tables)),
        fixture.Reputation,
        new LinkedFraudSpreader(index ?? fixture.Index, new SubjectStateRepository(fixture.Tables)),
        new CampaignRepository(fixture.Tables),
        Options.Create(new LabelsOptions { PropagationChunkSize = ChunkSize, EntityPropagationChunkSize = EntityChunkSize }),
        TimeProvider.System,
        NullLogger<LabelPropagator>.Instance);

    /// <summary>The real index, counting the pages it is asked for.</summary>
    private sealed class CountingIndex(RiskTables tables) : ActionIndexRepository(tables)
    {
        private int _pages;

        public int Pages => _pages;

        public override Task<IndexedActionPage> QueryPageAsync(
            string tenantId, ActionSubject subject, DateTimeOffset? from = null, DateTimeOffset? to = null, string? continuation = null,
            int pageSize = MaxPageSize, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _pages);
            return base.QueryPageAsync(tenantId, subject, from, to, continuation, pageSize, cancellationToken);
        }
    }

    /// <summary>Marks for real, then dies on a later chunk after its marks are written but before its checkpoint.</summary>
    private sealed class CrashingMarker(ActionLabelMarker inner, int markingsBeforeCrash) : ActionLabelMarker
    {
        private int _calls;

        public override async Task<IReadOnlyList<string>> MarkSubjectAsync(
            string tenantId, ActionSubject subject, IReadOnlyCollection<string> actionTokens, ActionLabelMark label, CancellationToken cancellationToken = default)
        {
            var marked = await inner.MarkSubjectAsync(tenantId, subject, actionTokens, label, cancellationToken);
            return Interlocked.Increment(ref _calls) >= markingsBeforeCrash ? throw new IOException("The instance stopped.") : marked;
        }
    }
}
