using Azure.Core;
using RiskFunctions.Domain.Scoring.Reputation;
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
}
