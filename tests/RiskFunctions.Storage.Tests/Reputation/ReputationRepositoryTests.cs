using Azure.Core;
using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Reputation;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Reputation;

public sealed class ReputationRepositoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private RiskTables _tables = null!;
    private ReputationRepository _reputation = null!;

    public async Task InitializeAsync() => _reputation = new ReputationRepository(_tables = await RiskTablesFixture.CreateAsync(azurite));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ApplyLabel_ThenGet_ReturnsTheNewStanding()
    {
        var applied = await _reputation.ApplyLabelAsync("t-rep", ReputationEntityKind.Device, "d1", new ReputationLabel("l1", ReputationStanding.ConfirmedFraud, At));

        var read = await _reputation.GetAsync("t-rep", ReputationEntityKind.Device, "d1");

        Assert.Equal(ReputationStanding.ConfirmedFraud, read.Standing);
        Assert.Equal(applied.LabelId, read.LabelId);
        Assert.Equal(At, read.LabeledAt);
        Assert.Equal(["l1"], read.RecentLabelIds);
    }

    [Fact]
    public async Task ApplyLabel_ConcurrentLabelsOfOneEntity_AreAllCounted()
    {
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            _reputation.ApplyLabelAsync("t-race", ReputationEntityKind.User, "u1", new ReputationLabel("l" + i, ReputationStanding.SuspectedFraud, At.AddMinutes(i)))));

        var read = await _reputation.GetAsync("t-race", ReputationEntityKind.User, "u1");

        Assert.Equal(10, read.FraudLabels);
        Assert.Equal("l9", read.LabelId);
    }

    [Fact]
    public async Task ApplyLabel_RowChangedBeforeEveryAttempt_GivesUpAsStorageUnavailable()
    {
        await _reputation.ApplyLabelAsync("t-busy", ReputationEntityKind.Fingerprint, "fp1", new ReputationLabel("l1", ReputationStanding.SuspectedFraud, At));
        var row = ContendedRow.Create(
            azurite, _tables, ReputationTable.ReputationTableName, ReputationTable.PartitionKey("t-busy", ReputationEntityKind.Fingerprint, "fp1"),
            ReputationTable.RowKey, request => request.Method == RequestMethod.Put);
        var busy = new ReputationRepository(row.Tables);

        var failure = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            busy.ApplyLabelAsync("t-busy", ReputationEntityKind.Fingerprint, "fp1", new ReputationLabel("l2", ReputationStanding.ConfirmedFraud, At.AddMinutes(1))));

        // Asked to retry later (503), like any storage that cannot take the write now; not a fault of the code (500).
        Assert.Equal(503, failure.Status);
        Assert.Equal(ReputationRepository.MaxAttempts, row.Races);
        Assert.Equal("l1", (await _reputation.GetAsync("t-busy", ReputationEntityKind.Fingerprint, "fp1")).LabelId);
    }

    [Fact]
    public async Task ApplyLabel_SameLabelRedelivered_CountsOnce()
    {
        var label = new ReputationLabel("l1", ReputationStanding.ConfirmedLegit, At);

        await _reputation.ApplyLabelAsync("t-redeliver", ReputationEntityKind.User, "u1", label);
        await _reputation.ApplyLabelAsync("t-redeliver", ReputationEntityKind.User, "u1", label);

        Assert.Equal(1, (await _reputation.GetAsync("t-redeliver", ReputationEntityKind.User, "u1")).LegitLabels);
    }

    [Fact]
    public async Task GetSnapshot_IpInAnotherSpelling_FindsTheLabel()
    {
        await _reputation.ApplyLabelAsync("t-ip", ReputationEntityKind.Ip, "::ffff:203.0.113.5", new ReputationLabel("l1", ReputationStanding.ConfirmedFraud, At));

        var snapshot = await _reputation.GetSnapshotAsync("t-ip", "u1", "d1", null, null, "203.0.113.5");

        Assert.Equal(ReputationStanding.ConfirmedFraud, snapshot.Ip.Standing);
        Assert.Same(EntityReputation.Clean, snapshot.Fingerprint);
        Assert.Equal(ReputationStanding.None, snapshot.User.Standing);
    }

    [Fact]
    public async Task GetAsync_OtherTenant_IsClean()
    {
        await _reputation.ApplyLabelAsync("t-mine", ReputationEntityKind.User, "u1", new ReputationLabel("l1", ReputationStanding.ConfirmedFraud, At));

        Assert.Equal(ReputationStanding.None, (await _reputation.GetAsync("t-theirs", ReputationEntityKind.User, "u1")).Standing);
    }

    [Fact]
    public async Task ApplyLabel_LabelIdWithControlCharacters_RoundTrips()
    {
        await _reputation.ApplyLabelAsync("t-odd", ReputationEntityKind.User, "u'1/#?", new ReputationLabel("id\nwith\u0001newline", ReputationStanding.Takeover, At));

        var read = await _reputation.GetAsync("t-odd", ReputationEntityKind.User, "u'1/#?");

        Assert.Equal(["id\nwith\u0001newline"], read.RecentLabelIds);
    }

    [Theory]
    [InlineData(ReputationEntityKind.User)]
    [InlineData(ReputationEntityKind.Device)]
    [InlineData(ReputationEntityKind.Ip)]
    [InlineData(ReputationEntityKind.Fingerprint)]
    [InlineData(ReputationEntityKind.PublicKey)]
    public async Task ApplyLabel_RedeliveredAfterMoreLabelsThanTheReputationNames_CountsOnce(ReputationEntityKind kind)
    {
        const string Tenant = "t-many-labels";
        var value = kind == ReputationEntityKind.Ip ? "198.51.100.7" : "e/1";
        var labels = Enumerable.Range(0, 40).Select(i => Label(i)).ToList();
        foreach (var label in labels)
        {
            await _reputation.ApplyLabelAsync(Tenant, kind, value, label);
        }

        // Label 0 was applied while the reputation still named every label, label 20 after it had filled; both have left its list.
        var applied = await _reputation.GetAsync(Tenant, kind, value);
        Assert.DoesNotContain(labels[0].LabelId, applied.RecentLabelIds);
        Assert.DoesNotContain(labels[20].LabelId, applied.RecentLabelIds);
        await _reputation.ApplyLabelAsync(Tenant, kind, value, labels[0]);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _reputation.ApplyLabelAsync(Tenant, kind, value, labels[20])));
        await _reputation.ApplyLabelAsync(Tenant, kind, value, labels[35]);

        var redelivered = await _reputation.GetAsync(Tenant, kind, value);
        Assert.Equal((20, 20), (redelivered.FraudLabels, redelivered.LegitLabels));
        Assert.Equal(applied.RecentLabelIds, redelivered.RecentLabelIds);

        await _reputation.ApplyLabelAsync(Tenant, kind, value, Label(40));
        var next = await _reputation.GetAsync(Tenant, kind, value);
        Assert.Equal((21, 20), (next.FraudLabels, next.LegitLabels));
        Assert.Equal("l/40\n", next.LabelId);

        static ReputationLabel Label(int i) =>
            new($"l/{i}\n", i % 2 == 0 ? ReputationStanding.SuspectedFraud : ReputationStanding.ConfirmedLegit, At.AddMinutes(i));
    }

    [Fact]
    public async Task ApplyLabel_ManyLabelsOnAUser_ListsNoActionsForThem()
    {
        for (var i = 0; i < 20; i++)
        {
            await _reputation.ApplyLabelAsync("t-markers", ReputationEntityKind.User, "u1", new ReputationLabel("l" + i, ReputationStanding.ConfirmedFraud, At.AddMinutes(i)));
        }

        var listed = await new ActionIndexRepository(_tables).QueryAsync("t-markers", new ActionSubject(ActionSubjectKind.UserId, "u1")).ToListAsync();

        Assert.Empty(listed);
        Assert.Equal(20, (await _reputation.GetAsync("t-markers", ReputationEntityKind.User, "u1")).FraudLabels);
    }
}
