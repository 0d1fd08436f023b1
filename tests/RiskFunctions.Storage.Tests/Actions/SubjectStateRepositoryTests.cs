using RiskFunctions.Storage.Actions;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Actions;

public sealed class SubjectStateRepositoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private RiskTables _tables = null!;
    private SubjectStateRepository _states = null!;

    public async Task InitializeAsync()
    {
        _tables = await RiskTablesFixture.CreateAsync(azurite);
        _states = new SubjectStateRepository(_tables);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RecordAsync_ConcurrentActionsOfOneSubjectOnSeveralInstances_CountsEveryAction()
    {
        const string Tenant = "t-concurrent";
        // Each "instance" has its own client and starts from the same (empty) state, so all but one lose a race.
        var instances = Enumerable.Range(0, 3).Select(_ => new SubjectStateRepository(new RiskTables(azurite.CreateServiceClient(), azurite.TablePrefix))).ToList();
        var actions = Enumerable.Range(0, 12)
            .Select(i => StoredActions.Create(tenant: Tenant, user: "u" + i, device: "shared-device", ip: "192.0.2.50", at: StoredActions.At.AddSeconds(-i)))
            .ToList();

        await Task.WhenAll(actions.Select((action, i) => instances[i % instances.Count].RecordAsync(action)));

        var device = await _states.ReadAsync(Tenant, new ActionSubject(ActionSubjectKind.DeviceId, "shared-device"));
        Assert.Equal(12, device.Recent.Count);
        Assert.Equal(12, device.CountLinks(null));
        var ip = await _states.ReadAsync(Tenant, new ActionSubject(ActionSubjectKind.IpAddress, "192.0.2.50"));
        Assert.Equal(12, ip.Between(StoredActions.At.AddHours(-1), StoredActions.At.AddSeconds(1)).Count());
    }

    [Fact]
    public async Task RecordAsync_SameActionTwice_CountsItOnce()
    {
        const string Tenant = "t-twice";
        var action = StoredActions.Create(tenant: Tenant, user: "u1", device: "d1");

        await _states.RecordAsync(action);
        await _states.RecordAsync(action);

        var user = await _states.ReadAsync(Tenant, new ActionSubject(ActionSubjectKind.UserId, "u1"));
        Assert.Single(user.Recent);
        Assert.Equal(1, user.CountLinks("d1"));
    }

    [Fact]
    public async Task RecordAsync_OldActions_AreDroppedFromTheWindowOfTheSubjectsKind()
    {
        const string Tenant = "t-window";
        await _states.RecordAsync(StoredActions.Create(tenant: Tenant, user: "u1", device: "d1", ip: "192.0.2.60", at: StoredActions.At.AddMinutes(-30)));
        await _states.RecordAsync(StoredActions.Create(tenant: Tenant, user: "u1", device: "d1", ip: "192.0.2.60", at: StoredActions.At));

        var user = await _states.ReadAsync(Tenant, new ActionSubject(ActionSubjectKind.UserId, "u1"));
        var ip = await _states.ReadAsync(Tenant, new ActionSubject(ActionSubjectKind.IpAddress, "192.0.2.60"));
        Assert.Single(user.Recent);
        Assert.Equal(2, ip.Recent.Count);
    }

    [Fact]
    public async Task QueryPageAsync_SubjectWithState_ListsOnlyItsActions()
    {
        const string Tenant = "t-query";
        var action = StoredActions.Create(tenant: Tenant, user: "u1");
        await _states.RecordAsync(action);

        var page = await new ActionIndexRepository(_tables).QueryPageAsync(Tenant, new ActionSubject(ActionSubjectKind.UserId, "u1"));

        Assert.Equal([action.ActionToken], page.Items.Select(item => item.ActionToken));
    }

    [Fact]
    public async Task ReadAsync_SubjectWithoutActions_IsEmpty()
    {
        var state = await _states.ReadAsync("t-empty", new ActionSubject(ActionSubjectKind.IpAddress, "192.0.2.70"));

        Assert.Empty(state.Recent);
        Assert.Equal(1, state.CountLinks("anyone"));
    }
}
