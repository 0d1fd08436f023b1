using Azure.Core;
using Azure.Data.Tables;
using RiskFunctions.Domain.Scoring.Reputation;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Reputation;
using RiskFunctions.Storage.TableSupport;
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
    public async Task RecordAsync_ConcurrentActionsOfOneSubjectOnOneInstance_AreWrittenInOneTransactionAfterTheFirst()
    {
        const string Tenant = "t-combined";
        var log = new TableRequestLog();
        var firstAnswered = new TaskCompletionSource();
        var options = new TableClientOptions();
        options.AddPolicy(log, HttpPipelinePosition.PerRetry);
        options.AddPolicy(new RaceBeforeRequest(request => request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal), () => firstAnswered.Task), HttpPipelinePosition.PerRetry);
        var instance = new SubjectStateRepository(new RiskTables(azurite.CreateServiceClient(options), azurite.TablePrefix));
        var address = new ActionSubject(ActionSubjectKind.IpAddress, "192.0.2.90");
        var actions = ActionsOfAddress(Tenant, "192.0.2.90", 24);
        var scoredWith = new Dictionary<ActionSubject, SubjectState> { [address] = SubjectState.Empty };

        // Each call runs up to its wait in the subject's queue before the next one starts; the first transaction is
        // held until all of them have.
        var recording = actions.Select(action => instance.RecordAsync(action, scoredWith)).ToList();
        firstAnswered.SetResult();
        await Task.WhenAll(recording);

        // The first action's transaction was in flight when the other 23 arrived; theirs is one more, conditional on
        // the version the first one's answer gave, so nothing is read and no race is lost.
        Assert.Equal(2, log.Sent.Count);
        Assert.All(log.Sent, request => Assert.EndsWith("/$batch", request, StringComparison.Ordinal));
        await AssertCountedAndListedOnceAsync(Tenant, address, actions);
    }

    [Fact]
    public async Task RecordAsync_BatchesOfSeveralInstancesRacingForOneSubject_CountAndListEveryActionOnce()
    {
        const string Tenant = "t-batches-race";
        var address = new ActionSubject(ActionSubjectKind.IpAddress, "192.0.2.91");
        var instances = Enumerable.Range(0, 3).Select(_ => new SubjectStateRepository(new RiskTables(azurite.CreateServiceClient(), azurite.TablePrefix))).ToList();
        var actions = ActionsOfAddress(Tenant, "192.0.2.91", 60);

        // Each instance's batches lose races to the others' and are applied again on top of what won; one action is sent twice.
        await Task.WhenAll(actions.Append(actions[0]).Select((action, i) => instances[i % instances.Count].RecordAsync(action)));

        await AssertCountedAndListedOnceAsync(Tenant, address, actions);
    }

    /// <summary>Actions of <paramref name="count"/> anonymous users from one address, a second apart.</summary>
    private static List<StoredAction> ActionsOfAddress(string tenant, string ip, int count) =>
        [.. Enumerable.Range(0, count).Select(i => StoredActions.Create(tenant: tenant, user: null, device: null, ip: ip, at: StoredActions.At.AddSeconds(-i)))];

    /// <summary>The subject's state counts each of <paramref name="actions"/> once, and its index lists each once.</summary>
    private async Task AssertCountedAndListedOnceAsync(string tenant, ActionSubject subject, List<StoredAction> actions)
    {
        var state = await _states.ReadAsync(tenant, subject);
        Assert.Equal(actions.Count, state.Recent.Count);
        Assert.Equal(actions.Count, state.Recent.Select(entry => entry.Token).Distinct().Count());
        var listed = await new ActionIndexRepository(_tables).QueryPageAsync(tenant, subject);
        Assert.Equal(actions.Select(action => action.ActionToken).Order(StringComparer.Ordinal), listed.Items.Select(item => item.ActionToken).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RecordAsync_StateChangedBeforeEveryAttempt_GivesUpAsStorageUnavailable()
    {
        const string Tenant = "t-busy";
        var address = new ActionSubject(ActionSubjectKind.IpAddress, "192.0.2.95");
        await _states.RecordAsync(StoredActions.Create(tenant: Tenant, user: null, device: null, ip: "192.0.2.95"));
        var row = ContendedRow.Create(
            azurite, _tables, ActionIndexTable.ActionIndexTableName, ActionIndexTable.PartitionKey(Tenant, address), ActionIndexTable.StateRowKey,
            request => request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal));
        var busy = new SubjectStateRepository(row.Tables);

        var failure = await Assert.ThrowsAsync<StorageUnavailableException>(
            () => busy.RecordAsync(StoredActions.Create(tenant: Tenant, user: null, device: null, ip: "192.0.2.95", at: StoredActions.At.AddSeconds(1))));

        // Asked to retry later (503), like any storage that cannot take the write now; not a fault of the code (500).
        Assert.Equal(503, failure.Status);
        Assert.Equal(SubjectStateRepository.MaxAttempts, row.Races);
        Assert.Single((await _states.ReadAsync(Tenant, address)).Recent);
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

    [Fact]
    public async Task RecordAsync_SubjectWithReputation_KeepsTheReputation()
    {
        const string Tenant = "t-keeps-reputation";
        var reputation = new ReputationRepository(_tables);
        await reputation.ApplyLabelAsync(Tenant, ReputationEntityKind.User, "u1", new ReputationLabel("l1", ReputationStanding.ConfirmedFraud, StoredActions.At));

        await _states.RecordAsync(StoredActions.Create(tenant: Tenant, user: "u1", device: "d1"));

        var user = await _states.ReadAsync(Tenant, new ActionSubject(ActionSubjectKind.UserId, "u1"));
        Assert.Single(user.Recent);
        Assert.Equal(ReputationStanding.ConfirmedFraud, user.Reputation.Standing);
        Assert.Equal(ReputationStanding.ConfirmedFraud, (await reputation.GetAsync(Tenant, ReputationEntityKind.User, "u1")).Standing);
    }

    [Fact]
    public async Task RecordAsync_UserLabeledFraud_ListsTheUserOnItsDeviceAndAddress()
    {
        const string Tenant = "t-fraud-user-acts";
        var labeled = StoredActions.At.AddDays(-2);
        await new ReputationRepository(_tables).ApplyLabelAsync(Tenant, ReputationEntityKind.User, "u1", new ReputationLabel("l1", ReputationStanding.ConfirmedFraud, labeled));

        await _states.RecordAsync(StoredActions.Create(tenant: Tenant, user: "u1", device: "d1", ip: "192.0.2.80"));

        var device = await _states.ReadAsync(Tenant, new ActionSubject(ActionSubjectKind.DeviceId, "d1"));
        var ip = await _states.ReadAsync(Tenant, new ActionSubject(ActionSubjectKind.IpAddress, "192.0.2.80"));
        Assert.Equal([new LinkedFraudUser(SubjectStateHash.Of("u1"), labeled.UtcTicks)], device.LinkedFraud);
        Assert.Equal(device.LinkedFraud, ip.LinkedFraud);
    }

    [Fact]
    public async Task SpreadAsync_UserLabeledFraudAfterItsActions_ReachesEveryDeviceAndAddressItUsed()
    {
        const string Tenant = "t-spread";
        await _states.RecordAsync(StoredActions.Create(tenant: Tenant, user: "u1", device: "d1", ip: "192.0.2.81", at: StoredActions.At.AddDays(-3)));
        await _states.RecordAsync(StoredActions.Create(tenant: Tenant, user: "u1", device: "d2", ip: "192.0.2.82"));
        var spreader = Spreader();

        await spreader.SpreadAsync(Tenant, "u1", await LabelAsync(Tenant, "l1", ReputationStanding.ConfirmedFraud, StoredActions.At));

        foreach (var (kind, value) in new[] { (ActionSubjectKind.DeviceId, "d1"), (ActionSubjectKind.DeviceId, "d2"), (ActionSubjectKind.IpAddress, "192.0.2.81"), (ActionSubjectKind.IpAddress, "192.0.2.82") })
        {
            Assert.Single((await _states.ReadAsync(Tenant, new ActionSubject(kind, value))).LinkedFraud);
        }

        await spreader.SpreadAsync(Tenant, "u1", await LabelAsync(Tenant, "l2", ReputationStanding.ConfirmedLegit, StoredActions.At.AddDays(1)));

        Assert.Empty((await _states.ReadAsync(Tenant, new ActionSubject(ActionSubjectKind.DeviceId, "d1"))).LinkedFraud);
    }

    [Fact]
    public async Task RecordAsync_NewUser_KeepsItsDevicesAndAddressesByValueInItsState()
    {
        const string Tenant = "t-reach";
        await _states.RecordAsync(StoredActions.Create(tenant: Tenant, user: "u1", device: "appareil-é-ü-😀", ip: "192.0.2.90", at: StoredActions.At.AddDays(-1)));
        await _states.RecordAsync(StoredActions.Create(tenant: Tenant, user: "u1", device: "d2", ip: "2001:db8::9"));

        var user = await _states.ReadAsync(Tenant, new ActionSubject(ActionSubjectKind.UserId, "u1"));

        Assert.Equal(
            new UserReach(
                [
                    new(ActionSubjectKind.DeviceId, "appareil-é-ü-😀"), new(ActionSubjectKind.IpAddress, "192.0.2.90"),
                    new(ActionSubjectKind.DeviceId, "d2"), new(ActionSubjectKind.IpAddress, "2001:db8::9"),
                ],
                Complete: true),
            user.Reach);
    }

    [Fact]
    public async Task RecordAsync_UserWithTheMostDevicesOfTheLongestIds_KeepsThemAllInItsState()
    {
        const string Tenant = "t-reach-longest";
        // Three UTF-8 bytes a character, the most a device id of 512 characters can take: the reach's largest row.
        var devices = Enumerable.Range(0, SubjectState.MaxReach).Select(i => i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture) + new string('設', 509)).ToList();
        foreach (var (device, i) in devices.Select((device, i) => (device, i)))
        {
            await _states.RecordAsync(StoredActions.Create(tenant: Tenant, user: "u1", device: device, ip: null, at: StoredActions.At.AddMinutes(i)));
        }

        var user = await _states.ReadAsync(Tenant, new ActionSubject(ActionSubjectKind.UserId, "u1"));

        Assert.Equal(new UserReach([.. devices.Select(device => new ActionSubject(ActionSubjectKind.DeviceId, device))], Complete: true), user.Reach);
    }

    [Fact]
    public async Task SpreadAsync_UserWhoseStateNamesItsReach_ReachesItWithoutItsIndex()
    {
        const string Tenant = "t-spread-reach";
        await _states.RecordAsync(StoredActions.Create(tenant: Tenant, user: "u1", device: "d1", ip: "192.0.2.91"));
        await DeleteIndexRowsAsync(Tenant, new ActionSubject(ActionSubjectKind.UserId, "u1"));

        await Spreader().SpreadAsync(Tenant, "u1", await LabelAsync(Tenant, "l1", ReputationStanding.ConfirmedFraud, StoredActions.At));

        Assert.Single((await _states.ReadAsync(Tenant, new ActionSubject(ActionSubjectKind.DeviceId, "d1"))).LinkedFraud);
        Assert.Single((await _states.ReadAsync(Tenant, new ActionSubject(ActionSubjectKind.IpAddress, "192.0.2.91"))).LinkedFraud);
    }

    [Fact]
    public async Task SpreadAsync_UserWithMoreDevicesThanItsStateNames_ReachesEveryOneThroughItsIndex()
    {
        const string Tenant = "t-spread-outgrown";
        var devices = Enumerable.Range(0, SubjectState.MaxReach + 1).Select(i => "d" + i).ToList();
        foreach (var (device, i) in devices.Select((device, i) => (device, i)))
        {
            await _states.RecordAsync(StoredActions.Create(tenant: Tenant, user: "u1", device: device, ip: null, at: StoredActions.At.AddMinutes(i)));
        }

        await Spreader().SpreadAsync(Tenant, "u1", await LabelAsync(Tenant, "l1", ReputationStanding.ConfirmedFraud, StoredActions.At));

        Assert.False((await _states.ReadAsync(Tenant, new ActionSubject(ActionSubjectKind.UserId, "u1"))).Reach!.Complete);
        foreach (var device in devices)
        {
            Assert.Single((await _states.ReadAsync(Tenant, new ActionSubject(ActionSubjectKind.DeviceId, device))).LinkedFraud);
        }
    }

    [Fact]
    public async Task SpreadAsync_UserWhoseRowWasWrittenBeforeItActed_ReachesItsDevicesThroughItsIndex()
    {
        const string Tenant = "t-spread-older-row";
        await LabelAsync(Tenant, "l0", ReputationStanding.ConfirmedLegit, StoredActions.At.AddDays(-9));
        await _states.RecordAsync(StoredActions.Create(tenant: Tenant, user: "u1", device: "d1", ip: "192.0.2.92"));

        await Spreader().SpreadAsync(Tenant, "u1", await LabelAsync(Tenant, "l1", ReputationStanding.ConfirmedFraud, StoredActions.At));

        Assert.Null((await _states.ReadAsync(Tenant, new ActionSubject(ActionSubjectKind.UserId, "u1"))).Reach);
        Assert.Single((await _states.ReadAsync(Tenant, new ActionSubject(ActionSubjectKind.DeviceId, "d1"))).LinkedFraud);
        Assert.Single((await _states.ReadAsync(Tenant, new ActionSubject(ActionSubjectKind.IpAddress, "192.0.2.92"))).LinkedFraud);
    }

    private LinkedFraudSpreader Spreader() => new(new ActionIndexRepository(_tables), _states);

    /// <summary>Labels u1 as propagation does; the user's state as the label's write left it.</summary>
    private Task<SubjectState> LabelAsync(string tenant, string labelId, ReputationStanding standing, DateTimeOffset at) =>
        new ReputationRepository(_tables).ApplyUserLabelAsync(tenant, "u1", new ReputationLabel(labelId, standing, at));

    /// <summary>Removes the subject's index rows and keeps its state row.</summary>
    private async Task DeleteIndexRowsAsync(string tenant, ActionSubject subject)
    {
        var table = _tables.GetTable(ActionIndexTable.ActionIndexTableName);
        var partition = ActionIndexTable.PartitionKey(tenant, subject);
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>(entity => entity.PartitionKey == partition))
        {
            if (row.RowKey != ActionIndexTable.StateRowKey)
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
            }
        }
    }
}
