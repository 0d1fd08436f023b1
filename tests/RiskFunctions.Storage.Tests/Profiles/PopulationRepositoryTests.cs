using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Time;

namespace RiskFunctions.Storage.Tests.Profiles;

public sealed class PopulationRepositoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(At);
    private RiskTables _tables = null!;
    private ProfileRepository _profiles = null!;

    public async Task InitializeAsync()
    {
        _tables = await RiskTablesFixture.CreateAsync(azurite);
        _profiles = new ProfileRepository(_tables);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private PopulationRepository NewRepository() => new(_tables, new PopulationCache(_time));

    /// <summary>A repository (an instance of its own) whose table requests <paramref name="log"/> records.</summary>
    private PopulationRepository NewRepository(TableRequestLog log)
    {
        var options = new TableClientOptions();
        options.AddPolicy(log, HttpPipelinePosition.PerRetry);
        return new(new RiskTables(azurite.CreateServiceClient(options), azurite.TablePrefix), new PopulationCache(_time));
    }

    /// <summary>The single rows (address, device) <paramref name="features"/> count in.</summary>
    private static string[] SingleRowKeys(ActionFeatures features) =>
        [.. new[] { FeatureKind.Ip, FeatureKind.Device }
            .Select(kind => PopulationTable.RowKey(PopulationTable.FeatureKey(features[kind]!), PopulationTable.SingleRowShard))];

    [Fact]
    public async Task FlushAsync_SingleRowsThisInstanceRead_AreWrittenWithoutReadingThemAgain()
    {
        var log = new TableRequestLog();
        var population = NewRepository(log);
        var features = ProfileRepositoryTests.Features(ip: "192.0.2.80", device: "d-known");
        await FeedAsync(population, "t-known", "alice", features, "a1");
        var profile = await _profiles.GetAsync("t-known", "alice");
        await population.ReadAsync("t-known", features, profile);
        log.Clear();

        await FeedAsync(population, "t-known", "alice", features, "a2");
        await FeedAsync(population, "t-known", "alice", features, "a3");

        Assert.All(SingleRowKeys(features), rowKey => Assert.Equal(0, log.PointReadsOf(rowKey)));
        var counts = await NewRepository().ReadAsync("t-known", features, profile);
        Assert.Equal((3, 3), (counts.Value(FeatureKind.Ip), counts.Value(FeatureKind.Device)));
    }

    [Fact]
    public async Task Increment_ManyResultsBetweenFlushes_AreOneTransactionPerPartitionAndNoReadOfASingleRow()
    {
        var log = new TableRequestLog();
        var population = NewRepository(log);
        var features = ProfileRepositoryTests.Features(ip: "192.0.2.70", device: "d-many");
        ProfileUpdate? first = null;
        for (var i = 0; i < 30; i++)
        {
            var update = await _profiles.FeedAsync("t-many", "user" + i, features, "a" + i, At);
            first ??= update;
            population.Increment("t-many", update);
        }

        Assert.Empty(log.Sent);
        var written = await population.FlushAsync();

        // Each count is written once, in one transaction per partition: 30 results, not 30 read-modify-writes per count.
        var keys = PopulationRepository.CountsOf("t-many", first!).ToList();
        Assert.Equal(keys.Count, written);
        Assert.Equal(keys.Select(key => key.PartitionKey).Distinct(StringComparer.Ordinal).Count(), log.Sent.Count(request => request.StartsWith("POST ", StringComparison.Ordinal) && request.EndsWith("/$batch", StringComparison.Ordinal)));
        Assert.All(SingleRowKeys(features), rowKey => Assert.Equal(0, log.PointReadsOf(rowKey)));
        var counts = await NewRepository().ReadAsync("t-many", features, await _profiles.GetAsync("t-many", "user0"));
        Assert.Equal((30, 30, 30, 30), (counts.Value(FeatureKind.Ip), counts.Value(FeatureKind.Device), counts.TotalActions, counts.TotalUsers));
    }

    [Fact]
    public async Task ReadAsync_IncrementsNotYetWritten_CountForThisInstanceAtOnceAndForOthersOnceFlushed()
    {
        var population = NewRepository();
        var (features, profile) = await CacheAliceAsync(population, "t-unwritten");
        population.Increment("t-unwritten", await _profiles.FeedAsync("t-unwritten", "bob", features, "b1", At));

        var here = await population.ReadAsync("t-unwritten", features, profile);
        var elsewhere = await NewRepository().ReadAsync("t-unwritten", features, profile);
        await population.FlushAsync();
        var hereAfter = await population.ReadAsync("t-unwritten", features, profile);
        var elsewhereAfter = await NewRepository().ReadAsync("t-unwritten", features, profile);

        Assert.Equal((2, 2), (here.Value(FeatureKind.Ip), here.TotalActions));
        Assert.Equal((1, 1), (elsewhere.Value(FeatureKind.Ip), elsewhere.TotalActions));
        Assert.Equal((2, 2), (hereAfter.Value(FeatureKind.Ip), hereAfter.TotalActions));
        Assert.Equal((2, 2), (elsewhereAfter.Value(FeatureKind.Ip), elsewhereAfter.TotalActions));
    }

    [Fact]
    public async Task FlushAsync_AWriteThatFails_IsNotRepeatedAndNoLongerCountsHere()
    {
        var failing = new FailingTransactions();
        var options = new TableClientOptions();
        options.AddPolicy(failing, HttpPipelinePosition.PerRetry);
        var population = new PopulationRepository(new RiskTables(azurite.CreateServiceClient(options), azurite.TablePrefix), new PopulationCache(_time));
        var (features, profile) = await CacheAliceAsync(population, "t-failed");
        population.Increment("t-failed", await _profiles.FeedAsync("t-failed", "bob", features, "b1", At));

        failing.Fail = true;
        await Assert.ThrowsAsync<RequestFailedException>(() => population.FlushAsync());
        failing.Fail = false;
        var nothingLeft = await population.FlushAsync();

        // Lost, never doubled: the failed write may have been applied, so it is not sent again. And this instance no
        // longer adds any of it to its reads, the counts of the transactions the failure kept from starting included.
        Assert.Equal(0, nothingLeft);
        Assert.Equal(1, (await population.ReadAsync("t-failed", features, profile)).Value(FeatureKind.Ip));
        Assert.Equal(Snapshot(await NewRepository().ReadAsync("t-failed", features, profile)), Snapshot(await population.ReadAsync("t-failed", features, profile)));
    }

    private static long[] Snapshot(PopulationCounts counts) =>
        [counts.TotalActions, counts.TotalUsers, .. FeatureKinds.All.SelectMany(kind => new[] { counts.Value(kind), counts.Total(kind) })];

    [Fact]
    public async Task FlushAsync_SingleRowAnotherInstanceWroteSinceThisOneKnewIt_ReadsItAgainAndCountsBoth()
    {
        var population = NewRepository();
        var (features, profile) = await CacheAliceAsync(population, "t-stale-row");

        await FeedAsync(NewRepository(), "t-stale-row", "bob", features, "b1");
        await FeedAsync(population, "t-stale-row", "carol", features, "c1");

        var counts = await NewRepository().ReadAsync("t-stale-row", features, profile);
        Assert.Equal((3, 3), (counts.Value(FeatureKind.Ip), counts.Value(FeatureKind.Device)));
    }

    [Fact]
    public async Task ApplyAsync_NewAddressesAndDevices_AreInsertedAndThenAddedToWithoutReadingThem()
    {
        var log = new TableRequestLog();
        var population = NewRepository(log);
        var delta = new PopulationDelta();
        var features = Enumerable.Range(1, 5)
            .Select(i => ProfileRepositoryTests.Features(ip: $"192.0.2.{90 + i}", device: $"d-new-{i}"))
            .ToList();
        for (var i = 0; i < features.Count; i++)
        {
            delta.Add("t-new-rows", await _profiles.FeedAsync("t-new-rows", "user" + i, features[i], "a" + i, At));
        }

        await population.ApplyAsync(delta);
        var again = new PopulationDelta();
        for (var i = 0; i < features.Count; i++)
        {
            again.Add("t-new-rows", await _profiles.FeedAsync("t-new-rows", "user" + i, features[i], "b" + i, At));
        }

        await population.ApplyAsync(again);

        // The first batch inserted them; the second wrote at the versions the first one's transactions answered with.
        Assert.All(features.SelectMany(SingleRowKeys), rowKey => Assert.Equal(0, log.PointReadsOf(rowKey)));
        var counts = await NewRepository().ReadAsync("t-new-rows", features[0], await _profiles.GetAsync("t-new-rows", "user0"));
        Assert.Equal((2, 2, 10), (counts.Value(FeatureKind.Ip), counts.Value(FeatureKind.Device), counts.TotalActions));
    }

    [Fact]
    public async Task ApplyAsync_SingleRowAnotherInstanceInsertedMeanwhile_ReadsItAndAddsOnTop()
    {
        var population = NewRepository();
        var features = ProfileRepositoryTests.Features(ip: "192.0.2.99", device: "d-raced");
        var delta = new PopulationDelta();
        delta.Add("t-raced", await _profiles.FeedAsync("t-raced", "alice", features, "a1", At));

        await FeedAsync(NewRepository(), "t-raced", "bob", features, "b1");
        await population.ApplyAsync(delta);

        var counts = await NewRepository().ReadAsync("t-raced", features, await _profiles.GetAsync("t-raced", "alice"));
        Assert.Equal((2, 2, 2), (counts.Value(FeatureKind.Ip), counts.Value(FeatureKind.Device), counts.TotalActions));
    }

    /// <summary>Alice's first action counted, and its address's count read (so cached) by <paramref name="population"/>.</summary>
    private async Task<(ActionFeatures Features, UserProfile Profile)> CacheAliceAsync(PopulationRepository population, string tenant)
    {
        var features = ProfileRepositoryTests.Features();
        await FeedAsync(population, tenant, "alice", features, "a1");
        var profile = await _profiles.GetAsync(tenant, "alice");
        Assert.Equal(1, (await population.ReadAsync(tenant, features, profile)).Value(FeatureKind.Ip));
        return (features, profile);
    }

    private async Task FeedAsync(PopulationRepository population, string tenant, string user, ActionFeatures features, string actionId)
    {
        population.Increment(tenant, await _profiles.FeedAsync(tenant, user, features, actionId, At));
        await population.FlushAsync();
    }

    /// <summary>
    /// While the profile is still being read, the counts that do not depend on it go out (the address's, and those a
    /// crowd shares); the device's count waits for the profile and is read only when the profile knows the device.
    /// </summary>
    [Fact]
    public async Task ReadAsync_WhileTheProfileIsRead_SendsEveryReadButTheDeviceCount()
    {
        var features = ProfileRepositoryTests.Features(ip: "192.0.2.91", device: "d-early");
        await FeedAsync(NewRepository(), "t-early", "alice", features, "a1");
        var (ip, device) = (SingleRowKeys(features)[0], SingleRowKeys(features)[1]);
        var log = new TableRequestLog();
        var population = NewRepository(log);
        var profile = new TaskCompletionSource<UserProfile?>(TaskCreationOptions.RunContinuationsAsynchronously);

        var reading = population.ReadAsync("t-early", features, profile.Task);
        for (var waited = 0; log.PointReadsOf(ip) == 0 && waited < 100; waited++)
        {
            await Task.Delay(50);
        }

        var queriesBeforeTheProfile = log.Sent.Count(request => !request.Contains("RowKey=", StringComparison.Ordinal));
        Assert.Equal((1, 0), (log.PointReadsOf(ip), log.PointReadsOf(device)));
        profile.SetResult(await _profiles.GetAsync("t-early", "alice"));
        var counts = await reading;

        Assert.Equal(1, log.PointReadsOf(device));
        Assert.Equal(queriesBeforeTheProfile, log.Sent.Count(request => !request.Contains("RowKey=", StringComparison.Ordinal)));
        Assert.Equal(Snapshot(await NewRepository().ReadAsync("t-early", features, await _profiles.GetAsync("t-early", "alice"))), Snapshot(counts));
    }

    /// <summary>A user whose profile does not know the device (a new user): its count is not read at all.</summary>
    [Fact]
    public async Task ReadAsync_NewUser_NeverReadsTheDeviceCount()
    {
        var features = ProfileRepositoryTests.Features(ip: "192.0.2.92", device: "d-new");
        await FeedAsync(NewRepository(), "t-new-device", "alice", features, "a1");
        var log = new TableRequestLog();

        var counts = await NewRepository(log).ReadAsync("t-new-device", features, Task.FromResult<UserProfile?>(UserProfile.Empty("bob")));

        Assert.Equal(0, log.PointReadsOf(SingleRowKeys(features)[1]));
        Assert.Equal((1, 0), (counts.Value(FeatureKind.Ip), counts.Value(FeatureKind.Device)));
    }

    [Fact]
    public async Task ReadAsync_AfterFeeds_CountsEveryUsersValuesAndTotals()
    {
        var population = NewRepository();
        var home = ProfileRepositoryTests.Features(ip: "192.0.2.1");
        await FeedAsync(population, "t-pop", "alice", home, "a1");
        await FeedAsync(population, "t-pop", "alice", home, "a2");
        await FeedAsync(population, "t-pop", "bob", ProfileRepositoryTests.Features(ip: "192.0.2.2", device: "d-bob"), "b1");

        var counts = await NewRepository().ReadAsync("t-pop", home, await _profiles.GetAsync("t-pop", "alice"));

        Assert.Equal(3, counts.TotalActions);
        Assert.Equal(2, counts.TotalUsers);
        Assert.Equal(3, counts.Value(FeatureKind.Country));
        Assert.Equal(3, counts.Total(FeatureKind.Country));
        Assert.Equal(2, counts.Value(FeatureKind.Ip));
        Assert.Equal(2, counts.Value(FeatureKind.Device));
        Assert.Equal(3, counts.Total(FeatureKind.Device));
    }

    [Fact]
    public async Task FlushAsync_ValuesFewUsersShare_AreOneRowEach_AndACrowdsValueSpreadsOverShards()
    {
        var population = NewRepository();
        var features = ProfileRepositoryTests.Features(ip: "192.0.2.60", device: "d-shared");
        for (var i = 0; i < 8; i++)
        {
            await FeedAsync(population, "t-rows", "user" + i, features, "a" + i);
        }

        foreach (var kind in new[] { FeatureKind.Ip, FeatureKind.Device })
        {
            var key = PopulationTable.FeatureKey(features[kind]!);
            var row = Assert.Single(await RowsOfAsync(PopulationTable.FeaturePartition("t-rows", kind, key), key));
            Assert.Equal((PopulationTable.RowKey(key, 0), 8L), (row.RowKey, PopulationTable.ReadCount(row)));
        }

        var country = PopulationTable.FeatureKey(features[FeatureKind.Country]!);
        Assert.True((await RowsOfAsync(PopulationTable.FeaturePartition("t-rows", FeatureKind.Country, country), country)).Count > 1);
        var deviceTotal = await RowsOfAsync(PopulationTable.FeaturePartition("t-rows", FeatureKind.Device, PopulationTable.TotalKey), PopulationTable.TotalKey);
        Assert.True(deviceTotal.Count > 1);
        Assert.Equal(8, deviceTotal.Sum(PopulationTable.ReadCount));
    }

    [Fact]
    public async Task ReadAsync_SingleRowCountThisInstanceWrote_IsServedAsWrittenWithoutAReadWithinTimeToLive()
    {
        var population = NewRepository();
        var otherInstance = NewRepository();
        var features = ProfileRepositoryTests.Features(ip: "192.0.2.61", device: "d-written");
        var delta = new PopulationDelta();
        delta.Add("t-written", await _profiles.FeedAsync("t-written", "alice", features, "a1", At));
        await population.ApplyAsync(delta);
        await FeedAsync(population, "t-written", "alice", features, "a2");

        // Another instance's increment is not read back until the written count expires: the read was served from memory.
        await FeedAsync(otherInstance, "t-written", "bob", features, "b1");
        var profile = await _profiles.GetAsync("t-written", "alice");
        var served = await population.ReadAsync("t-written", features, profile);
        _time.Advance(PopulationCache.TimeToLive + TimeSpan.FromSeconds(1));
        var fresh = await population.ReadAsync("t-written", features, profile);

        Assert.Equal((2, 2), (served.Value(FeatureKind.Device), served.Value(FeatureKind.Ip)));
        Assert.Equal((3, 3), (fresh.Value(FeatureKind.Device), fresh.Value(FeatureKind.Ip)));
    }

    private async Task<List<TableEntity>> RowsOfAsync(string partitionKey, string countedValue) =>
        await _tables.GetTable(PopulationTable.PopulationTableName)
            .QueryAsync<TableEntity>(PopulationTable.ShardsFilter(partitionKey, countedValue)).ToListAsync();

    [Fact]
    public async Task FlushAsync_ConcurrentIncrementsAndFlushesOfOneValue_AreAllCounted()
    {
        var population = NewRepository();
        var features = ProfileRepositoryTests.Features();
        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => FeedAsync(population, "t-race", "user" + i, features, "a" + i)));

        var counts = await NewRepository().ReadAsync("t-race", features, await _profiles.GetAsync("t-race", "user0"));

        Assert.Equal(24, counts.Value(FeatureKind.Ip));
        Assert.Equal(24, counts.Total(FeatureKind.Country));
        Assert.Equal(24, counts.TotalUsers);
    }

    [Fact]
    public async Task ReadAsync_UnknownUser_ReadsOnlyTheNetworkCounts()
    {
        var population = NewRepository();
        var shared = ProfileRepositoryTests.Features(ip: "192.0.2.7");
        await FeedAsync(population, "t-unknown", "alice", shared, "a1");
        await FeedAsync(population, "t-unknown", "bob", shared, "b1");

        var counts = await NewRepository().ReadAsync("t-unknown", shared, UserProfile.Empty("nobody"));

        Assert.Equal(2, counts.Value(FeatureKind.Ip));
        Assert.Equal(0, counts.Value(FeatureKind.Country));
        Assert.Equal(0, counts.Value(FeatureKind.Device));
        Assert.Equal(0, counts.TotalActions);
        Assert.Equal(0, counts.TotalUsers);
    }

    [Fact]
    public async Task ReadAsync_IpTheUserNeverShowed_ReadsItsTenantCount()
    {
        var population = NewRepository();
        await FeedAsync(population, "t-fresh", "alice", ProfileRepositoryTests.Features(ip: "192.0.2.1"), "a1");
        var office = ProfileRepositoryTests.Features(ip: "192.0.2.9");
        await FeedAsync(population, "t-fresh", "bob", office, "b1");
        await FeedAsync(population, "t-fresh", "carol", office, "c1");

        var counts = await NewRepository().ReadAsync("t-fresh", office, await _profiles.GetAsync("t-fresh", "alice"));

        Assert.Equal(2, counts.Value(FeatureKind.Ip));
        Assert.Equal(3, counts.TotalActions);
    }

    [Fact]
    public async Task ApplyAsync_DeltasOfSeveralBatchesBesideLiveIncrements_CountsEveryActionOnce()
    {
        var population = NewRepository();
        var features = ProfileRepositoryTests.Features();
        var batches = Enumerable.Range(0, 4).Select(_ => new PopulationDelta()).ToArray();
        for (var i = 0; i < 20; i++)
        {
            batches[i % batches.Length].Add("t-delta", await _profiles.FeedAsync("t-delta", "user" + i, features, "a" + i, At));
        }

        // Four batches written at once, and live increments of the same values in between: conditional
        // transactions that lose a race read again and add on top.
        var live = Enumerable.Range(20, 6).Select(i => FeedAsync(population, "t-delta", "user" + i, features, "a" + i));
        await Task.WhenAll(batches.Select(batch => population.ApplyAsync(batch)).Concat(live));

        var counts = await NewRepository().ReadAsync("t-delta", features, await _profiles.GetAsync("t-delta", "user0"));
        Assert.Equal(26, counts.Value(FeatureKind.Ip));
        Assert.Equal(26, counts.Total(FeatureKind.Country));
        Assert.Equal(26, counts.TotalActions);
        Assert.Equal(26, counts.TotalUsers);
        Assert.All(batches, batch => Assert.Equal(0, batch.Count));
    }

    [Fact]
    public async Task ApplyAsync_AlreadyAppliedUpdate_CountsNothing()
    {
        var population = NewRepository();
        var features = ProfileRepositoryTests.Features();
        var delta = new PopulationDelta();
        delta.Add("t-replay", await _profiles.FeedAsync("t-replay", "alice", features, "a1", At));
        delta.Add("t-replay", await _profiles.FeedAsync("t-replay", "alice", features, "a1", At));

        await population.ApplyAsync(delta);

        var counts = await NewRepository().ReadAsync("t-replay", features, await _profiles.GetAsync("t-replay", "alice"));
        Assert.Equal(1, counts.TotalActions);
        Assert.Equal(1, counts.Value(FeatureKind.Ip));
    }

    [Fact]
    public async Task ApplyAsync_CountCachedByThisInstance_AddsTheDeltaWithoutReadingAgain()
    {
        var population = NewRepository();
        var (features, profile) = await CacheAliceAsync(population, "t-delta-cache");

        var delta = new PopulationDelta();
        delta.Add("t-delta-cache", await _profiles.FeedAsync("t-delta-cache", "bob", features, "b1", At));
        await population.ApplyAsync(delta);

        Assert.Equal(2, (await population.ReadAsync("t-delta-cache", features, profile)).Value(FeatureKind.Ip));
    }

    [Fact]
    public async Task ReadAsync_WithinTimeToLive_ServesTheCachedCountAndWhatThisInstanceAdded()
    {
        var population = NewRepository();
        var (features, profile) = await CacheAliceAsync(population, "t-own-cache");

        await FeedAsync(population, "t-own-cache", "bob", features, "b1");

        Assert.Equal(2, (await population.ReadAsync("t-own-cache", features, profile)).Value(FeatureKind.Ip));
    }

    [Fact]
    public async Task ReadAsync_WithinTimeToLive_ServesTheCachedCount()
    {
        var population = NewRepository();
        var otherInstance = NewRepository();
        var (features, profile) = await CacheAliceAsync(population, "t-cache");

        await FeedAsync(otherInstance, "t-cache", "bob", features, "b1");
        var cached = await population.ReadAsync("t-cache", features, profile);
        _time.Advance(PopulationCache.TimeToLive + TimeSpan.FromSeconds(1));
        var fresh = await population.ReadAsync("t-cache", features, profile);

        Assert.Equal(1, cached.Value(FeatureKind.Ip));
        Assert.Equal(2, fresh.Value(FeatureKind.Ip));
    }

    /// <summary>Fails every entity group transaction before it is sent while <see cref="Fail"/> is set.</summary>
    private sealed class FailingTransactions : HttpPipelineSynchronousPolicy
    {
        public volatile bool Fail;

        public override void OnSendingRequest(HttpMessage message)
        {
            if (Fail && message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal))
            {
                throw new RequestFailedException(500, "a transaction that failed");
            }
        }
    }
}
