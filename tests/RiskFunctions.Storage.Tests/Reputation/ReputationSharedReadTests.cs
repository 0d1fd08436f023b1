using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Reputation;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Reputation;

/// <summary>
/// Concurrent reads of one fingerprint's or public key's reputation on an instance share a request, and never hide
/// from a caller a label this instance applied before the caller asked.
/// </summary>
public sealed class ReputationSharedReadTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetAsync_ConcurrentReadsOfOneFingerprint_SendOneRequest()
    {
        var (reputation, log, hold) = await InstanceAsync();
        await reputation.ApplyLabelAsync("t-rep-shared", ReputationEntityKind.Fingerprint, "fp-farm", Label("l1"));
        log.Clear();
        hold.Arm();

        var first = reputation.GetAsync("t-rep-shared", ReputationEntityKind.Fingerprint, "fp-farm");
        await hold.Answered;
        var others = Enumerable.Range(0, 5).Select(_ => reputation.GetAsync("t-rep-shared", ReputationEntityKind.Fingerprint, "fp-farm")).ToList();
        hold.Release();

        var read = await Task.WhenAll(others.Prepend(first));
        Assert.All(read, entity => Assert.Equal(ReputationStanding.ConfirmedFraud, entity.Standing));
        Assert.Equal(1, log.PointReadsOf(ReputationTable.RowKey));
    }

    [Fact]
    public async Task GetAsync_AfterALabelOfTheEntityOnThisInstance_ReadsAgainAndSeesIt()
    {
        var (reputation, _, hold) = await InstanceAsync();
        hold.Arm();

        var before = reputation.GetAsync("t-rep-labeled", ReputationEntityKind.PublicKey, "key-1");
        await hold.Answered;
        await reputation.ApplyLabelAsync("t-rep-labeled", ReputationEntityKind.PublicKey, "key-1", Label("l1"));
        var after = reputation.GetAsync("t-rep-labeled", ReputationEntityKind.PublicKey, "key-1");
        hold.Release();

        Assert.Equal(ReputationStanding.None, (await before).Standing);
        Assert.Equal(ReputationStanding.ConfirmedFraud, (await after).Standing);
    }

    [Fact]
    public async Task GetAsync_OfTheSameValueInAnotherTenantOrKind_IsNotShared()
    {
        var (reputation, log, hold) = await InstanceAsync();
        await reputation.ApplyLabelAsync("t-rep-a", ReputationEntityKind.Fingerprint, "same-value", Label("l1"));
        log.Clear();
        hold.Arm();

        var first = reputation.GetAsync("t-rep-a", ReputationEntityKind.Fingerprint, "same-value");
        await hold.Answered;
        var otherTenant = await reputation.GetAsync("t-rep-b", ReputationEntityKind.Fingerprint, "same-value");
        var otherKind = await reputation.GetAsync("t-rep-a", ReputationEntityKind.PublicKey, "same-value");
        hold.Release();

        Assert.Equal(ReputationStanding.ConfirmedFraud, (await first).Standing);
        Assert.Equal(ReputationStanding.None, otherTenant.Standing);
        Assert.Equal(ReputationStanding.None, otherKind.Standing);
        Assert.Equal(3, log.PointReadsOf(ReputationTable.RowKey));
    }

    private static ReputationLabel Label(string id) => new(id, ReputationStanding.ConfirmedFraud, At);

    private async Task<(ReputationRepository Reputation, TableRequestLog Log, HoldFirstAnswer Hold)> InstanceAsync()
    {
        var log = new TableRequestLog();
        var hold = HoldFirstAnswer.PointReadOf(ReputationTable.RowKey);
        var tables = await RiskTablesFixture.CreateAsync(azurite, log, hold);
        return (new ReputationRepository(tables, new SubjectStateRepository(tables)), log, hold);
    }
}
