using RiskFunctions.Storage.Actions;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Actions;

/// <summary>
/// Concurrent reads of one subject's state on an instance share a request, and never hide from a caller a write of
/// the state this instance finished before the caller asked.
/// </summary>
public sealed class SubjectStateSharedReadTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ReadAsync_ConcurrentReadsOfOneSubject_SendOneRequest()
    {
        const string Tenant = "t-shared-read";
        var (states, log, hold) = await InstanceAsync();
        var address = new ActionSubject(ActionSubjectKind.IpAddress, "192.0.2.120");
        await states.RecordAsync(Anonymous(Tenant, "192.0.2.120", 0));
        log.Clear();
        hold.Arm();

        var first = states.ReadAsync(Tenant, address);
        await hold.Answered;
        var others = Enumerable.Range(0, 5).Select(_ => states.ReadAsync(Tenant, address)).ToList();
        hold.Release();

        var read = await Task.WhenAll(others.Prepend(first));
        Assert.All(read, state => Assert.Single(state.Recent));
        Assert.Equal(1, log.PointReadsOf(ActionIndexTable.StateRowKey));
    }

    [Fact]
    public async Task ReadAsync_AfterAnActionOfTheSubjectWasRecordedOnThisInstance_ReadsAgainAndCountsIt()
    {
        const string Tenant = "t-shared-read-write";
        var (states, log, hold) = await InstanceAsync();
        var address = new ActionSubject(ActionSubjectKind.IpAddress, "192.0.2.121");
        hold.Arm();

        // Answered by storage before the action is recorded, and held on its way back: what a slow answer looks like.
        var before = states.ReadAsync(Tenant, address);
        await hold.Answered;
        await states.RecordAsync(Anonymous(Tenant, "192.0.2.121", 0), new Dictionary<ActionSubject, SubjectState> { [address] = SubjectState.Empty });

        // The client's next action, sent after the first was answered, must count it.
        var after = states.ReadAsync(Tenant, address);
        hold.Release();

        Assert.Empty((await before).Recent);
        Assert.Single((await after).Recent);
        Assert.Equal(2, log.PointReadsOf(ActionIndexTable.StateRowKey));
    }

    [Fact]
    public async Task ReadAsync_AfterALabelChangedTheSubjectOnThisInstance_ReadsAgainAndSeesIt()
    {
        const string Tenant = "t-shared-read-label";
        var (states, _, hold) = await InstanceAsync();
        var device = new ActionSubject(ActionSubjectKind.DeviceId, "shared-read-device");
        hold.Arm();

        var before = states.ReadAsync(Tenant, device);
        await hold.Answered;
        await states.SetLinkedFraudAsync(Tenant, device, "fraudster", StoredActions.At);
        var after = states.ReadAsync(Tenant, device);
        hold.Release();

        Assert.Empty((await before).LinkedFraud);
        Assert.Single((await after).LinkedFraud);
    }

    [Fact]
    public async Task ReadAsync_OfOtherSubjectsAndTenants_AreNotShared()
    {
        var (states, log, hold) = await InstanceAsync();
        hold.Arm();

        var first = states.ReadAsync("t-shared-a", new ActionSubject(ActionSubjectKind.IpAddress, "192.0.2.122"));
        await hold.Answered;
        var reads = new[]
        {
            states.ReadAsync("t-shared-b", new ActionSubject(ActionSubjectKind.IpAddress, "192.0.2.122")),
            states.ReadAsync("t-shared-a", new ActionSubject(ActionSubjectKind.IpAddress, "192.0.2.123")),
            states.ReadAsync("t-shared-a", new ActionSubject(ActionSubjectKind.DeviceId, "192.0.2.122")),
        };
        await Task.WhenAll(reads);
        hold.Release();
        await first;

        Assert.Equal(4, log.PointReadsOf(ActionIndexTable.StateRowKey));
    }

    private async Task<(SubjectStateRepository States, TableRequestLog Log, HoldFirstAnswer Hold)> InstanceAsync()
    {
        var log = new TableRequestLog();
        var hold = HoldFirstAnswer.PointReadOf(ActionIndexTable.StateRowKey);
        return (new SubjectStateRepository(await RiskTablesFixture.CreateAsync(azurite, log, hold)), log, hold);
    }

    private static StoredAction Anonymous(string tenant, string ip, int second) =>
        StoredActions.Create(tenant: tenant, user: null, device: null, ip: ip, at: StoredActions.At.AddSeconds(second));
}
