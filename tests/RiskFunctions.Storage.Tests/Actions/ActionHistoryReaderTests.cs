using RiskFunctions.Domain.Scoring;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Actions;

public sealed class ActionHistoryReaderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private SubjectStateRepository _states = null!;
    private ActionHistoryReader _reader = null!;

    public async Task InitializeAsync()
    {
        var tables = await RiskTablesFixture.CreateAsync(azurite);
        _states = new SubjectStateRepository(tables);
        _reader = new ActionHistoryReader(_states);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task RecordAsync(string tenant, string? user, string? device, string ip, DateTimeOffset at) =>
        _states.RecordAsync(StoredActions.Create(tenant: tenant, user: user, device: device, ip: ip, at: at));

    [Fact]
    public async Task ReadAsync_CountsEachSignalAsTheContractDefinesIt()
    {
        const string Tenant = "t-history";
        var now = StoredActions.At;
        await RecordAsync(Tenant, "u1", "d1", "192.0.2.1", now.AddSeconds(-10));
        await RecordAsync(Tenant, "u1", "d1", "192.0.2.1", now.AddSeconds(-59));
        await RecordAsync(Tenant, "u2", "d2", "192.0.2.1", now.AddMinutes(-30));
        await RecordAsync(Tenant, "u3", "d1", "192.0.2.1", now.AddMinutes(-61));
        await RecordAsync(Tenant, "u1", "d3", "198.51.100.1", now.AddSeconds(-5));
        await RecordAsync(Tenant, "u4", "d4", "192.0.2.1", now.AddSeconds(1));

        var counts = (await _reader.ReadAsync(Tenant, "u1", "d1", "192.0.2.1", now)).Counts;

        Assert.Equal(new HistoryCounts(
            IpActionRate60Sec: 2,
            UserActionRate60Sec: 3,
            DeviceActionRate60Sec: 2,
            IpUserCountLastHour: 2,
            IpDeviceCountLastHour: 2,
            LinkingDeviceToUsersCount: 2,
            LinkingUserToDeviceCount: 2), counts);
    }

    [Fact]
    public async Task ReadAsync_NewPair_CountsTheCurrentActionsLink()
    {
        const string Tenant = "t-link";
        await RecordAsync(Tenant, "u1", "d1", "192.0.2.2", StoredActions.At.AddDays(-1));

        var counts = (await _reader.ReadAsync(Tenant, "u2", "d1", null, StoredActions.At)).Counts;

        Assert.Equal(2, counts.LinkingDeviceToUsersCount);
        Assert.Equal(1, counts.LinkingUserToDeviceCount);
    }

    [Fact]
    public async Task ReadAsync_AnonymousActionWithoutIpOrDevice_IsAllZero() =>
        Assert.Equal(default, (await _reader.ReadAsync("t-none", null, null, null, StoredActions.At)).Counts);

    [Fact]
    public async Task ReadAsync_ActionsInTheSameSecond_CountEveryOtherActionOfThatSecond()
    {
        const string Tenant = "t-second";
        var second = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
        await RecordAsync(Tenant, "u1", "d1", "192.0.2.3", second.AddMilliseconds(-100));
        await RecordAsync(Tenant, "u1", "d1", "192.0.2.3", second.AddMilliseconds(200));
        await RecordAsync(Tenant, "u2", "d2", "192.0.2.3", second.AddMilliseconds(900));

        var learning = (await _reader.ReadAsync(Tenant, "u1", "d1", "192.0.2.3", second.AddMilliseconds(500))).Learning;

        Assert.Equal((2, 1, 1), (learning.SameSecondIpActions, learning.SameSecondUserActions, learning.SameSecondDeviceActions));
    }

    [Fact]
    public async Task ReadAsync_AccountsFirstSeenWithinTheHour_CountAsNewOnTheirDeviceAndAddress()
    {
        const string Tenant = "t-new-accounts";
        var now = StoredActions.At;
        await RecordAsync(Tenant, "new", "d1", "192.0.2.4", now.AddMinutes(-30));
        await RecordAsync(Tenant, "new", "d1", "192.0.2.4", now.AddMinutes(-20));
        await RecordAsync(Tenant, "old", "d0", "198.51.100.4", now.AddHours(-3));
        await RecordAsync(Tenant, "old", "d1", "192.0.2.4", now.AddMinutes(-10));
        await RecordAsync(Tenant, "aged", "d9", "192.0.2.4", now.AddMinutes(-90));
        await RecordAsync(Tenant, "aged", "d9", "192.0.2.4", now.AddMinutes(-50));

        var learning = (await _reader.ReadAsync(Tenant, "u-other", "d1", "192.0.2.4", now)).Learning;

        Assert.Equal(1, learning.NewAccountsOnDeviceLastHour);
        Assert.Equal(1, learning.NewAccountsOnIpLastHour);
    }

    [Fact]
    public async Task ReadAsync_FraudLabeledUserOfTheDevice_CountsDecayedForOtherUsersOnly()
    {
        const string Tenant = "t-linked-fraud";
        var device = new ActionSubject(ActionSubjectKind.DeviceId, "d1");
        await _states.SetLinkedFraudAsync(Tenant, device, "fraudster", StoredActions.At - ActionHistoryReader.LinkedFraudHalfLife);
        await _states.SetLinkedFraudAsync(Tenant, device, "cleared", StoredActions.At.AddDays(-1));
        await _states.SetLinkedFraudAsync(Tenant, device, "cleared", labeledAt: null);

        var other = (await _reader.ReadAsync(Tenant, "u1", "d1", null, StoredActions.At)).Learning;
        var same = (await _reader.ReadAsync(Tenant, "fraudster", "d1", null, StoredActions.At)).Learning;

        Assert.Equal(0.5, other.LinkedFraudOnDevice, precision: 9);
        Assert.Equal(0, same.LinkedFraudOnDevice);
    }
}
