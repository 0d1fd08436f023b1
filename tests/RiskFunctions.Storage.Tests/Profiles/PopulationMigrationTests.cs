using Azure;
using Azure.Core;
using Azure.Data.Tables;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Profiles;

public sealed class PopulationMigrationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private RiskTables _tables = null!;
    private TableClient _population = null!;

    public async Task InitializeAsync()
    {
        _tables = await RiskTablesFixture.CreateAsync(azurite);
        _population = _tables.GetTable(PopulationTable.PopulationTableName);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RunAsync_CountsOfTheUnbucketedLayout_AreReadWithTheNewOnesAndMovedOnce()
    {
        const string tenant = "t-mig|rate";
        var features = ProfileRepositoryTests.Features(ip: "192.0.2.44");
        var ip = PopulationTable.FeatureKey(features[FeatureKind.Ip]!);
        await WriteUnbucketedAsync(tenant, FeatureKind.Ip, ip, shard: 0, count: 5);
        await WriteUnbucketedAsync(tenant, FeatureKind.Ip, ip, shard: 3, count: 2);
        await WriteUnbucketedAsync(tenant, FeatureKind.Country, PopulationTable.TotalKey, shard: 1, count: 40);
        var profiles = new ProfileRepository(_tables);
        var population = new PopulationRepository(_tables, new PopulationCache(TimeProvider.System));
        population.Increment(tenant, await profiles.FeedAsync(tenant, "u", features, "a1", At));
        await population.FlushAsync();

        var first = await new PopulationMigration(_tables).RunAsync();
        var second = await new PopulationMigration(_tables).RunAsync();

        Assert.Equal(new PopulationMigrationResult(Moved: 3, Folded: 2), first);
        Assert.Equal(new PopulationMigrationResult(), second);
        var counts = await new PopulationRepository(_tables, new PopulationCache(TimeProvider.System)).ReadAsync(tenant, features, await profiles.GetAsync(tenant, "u"));
        Assert.Equal(5 + 2 + 1, counts.Value(FeatureKind.Ip));
        Assert.Equal(40 + 1, counts.Total(FeatureKind.Country));
        Assert.Empty(await _population.QueryAsync<TableEntity>(row => row.PartitionKey == Unbucketed(tenant, FeatureKind.Ip)).ToListAsync());
    }

    [Fact]
    public async Task RunAsync_RerunAfterAStopBetweenTheMoveAndTheDelete_CountsNothingTwice()
    {
        const string tenant = "t-mig-resume";
        var key = PopulationTable.FeatureKey("US");
        await WriteUnbucketedAsync(tenant, FeatureKind.Country, key, shard: 2, count: 7);
        var moved = PopulationTable.ToEntity(PopulationTable.FeaturePartition(tenant, FeatureKind.Country, key), PopulationTable.MovedRowKey(key, "2"), 7);
        await _population.UpsertEntityAsync(moved, TableUpdateMode.Replace);

        await new PopulationMigration(_tables).RunAsync();

        var rows = await _population.QueryAsync<TableEntity>(row => row.PartitionKey == moved.PartitionKey).ToListAsync();
        Assert.Equal(7, PopulationTable.ReadCount(Assert.Single(rows)));
    }

    [Fact]
    public async Task RunAsync_ShardsOfAValueNowCountedInOneRow_AreFoldedIntoItOnce()
    {
        const string tenant = "t-mig-fold";
        var device = PopulationTable.FeatureKey("device-1");
        var country = PopulationTable.FeatureKey("US");
        var devicePartition = PopulationTable.FeaturePartition(tenant, FeatureKind.Device, device);
        var countryPartition = PopulationTable.FeaturePartition(tenant, FeatureKind.Country, country);
        // As an earlier version left them: the device's count over shards and a moved row, the country's over shards.
        await _population.AddEntityAsync(PopulationTable.ToEntity(devicePartition, PopulationTable.RowKey(device, 0), 3));
        await _population.AddEntityAsync(PopulationTable.ToEntity(devicePartition, PopulationTable.RowKey(device, 2), 4));
        await _population.AddEntityAsync(PopulationTable.ToEntity(devicePartition, PopulationTable.MovedRowKey(device, "1"), 5));
        await _population.AddEntityAsync(PopulationTable.ToEntity(countryPartition, PopulationTable.RowKey(country, 1), 6));
        await _population.AddEntityAsync(PopulationTable.ToEntity(countryPartition, PopulationTable.RowKey(country, 3), 7));

        var first = await new PopulationMigration(_tables).RunAsync();
        var second = await new PopulationMigration(_tables).RunAsync();

        Assert.Equal(new PopulationMigrationResult(Folded: 2), first);
        Assert.Equal(new PopulationMigrationResult(), second);
        var deviceRows = await _population.QueryAsync<TableEntity>(row => row.PartitionKey == devicePartition).ToListAsync();
        var single = Assert.Single(deviceRows);
        Assert.Equal((PopulationTable.RowKey(device, 0), 3 + 4 + 5L), (single.RowKey, PopulationTable.ReadCount(single)));
        Assert.Equal(2, (await _population.QueryAsync<TableEntity>(row => row.PartitionKey == countryPartition).ToListAsync()).Count);
        var profile = await new ProfileRepository(_tables).GetAsync(tenant, "nobody");
        var counts = await new PopulationRepository(_tables, new PopulationCache(TimeProvider.System))
            .ReadAsync(tenant, ProfileRepositoryTests.Features(ip: "192.0.2.80"), profile);
        Assert.Equal(0, counts.Value(FeatureKind.Ip));
    }

    [Fact]
    public async Task RunAsync_ShardOfAnUnbucketedSingleRowValue_IsMovedAndFoldedInOnePass()
    {
        const string tenant = "t-mig-move-fold";
        var ip = PopulationTable.FeatureKey("192.0.2.81");
        await WriteUnbucketedAsync(tenant, FeatureKind.Ip, ip, shard: 1, count: 9);

        var result = await new PopulationMigration(_tables).RunAsync();

        Assert.Equal(new PopulationMigrationResult(Moved: 1, Folded: 1), result);
        var rows = await _population.QueryAsync<TableEntity>(row => row.PartitionKey == PopulationTable.FeaturePartition(tenant, FeatureKind.Ip, ip)).ToListAsync();
        Assert.Equal((PopulationTable.RowKey(ip, 0), 9L), (Assert.Single(rows).RowKey, PopulationTable.ReadCount(rows[0])));
    }

    [Fact]
    public async Task RunAsync_SourceIncrementedBetweenItsMoveAndItsDelete_IsLeftForTheNextRunWhichCountsItOnce()
    {
        const string tenant = "t-mig-race-move";
        var ip = PopulationTable.FeatureKey("192.0.2.82");
        await WriteUnbucketedAsync(tenant, FeatureKind.Ip, ip, shard: 1, count: 9);
        var source = PopulationTable.ToEntity(Unbucketed(tenant, FeatureKind.Ip), PopulationTable.RowKey(ip, 1), 10);
        var race = new RaceBeforeRequest(
            request => request.Method == RequestMethod.Delete,
            () => _population.UpdateEntityAsync(source, ETag.All, TableUpdateMode.Replace)); // an instance of an earlier version counts one more

        var first = await MigrationWith(race).RunAsync();
        var second = await new PopulationMigration(_tables).RunAsync();

        Assert.True(race.Raced);
        Assert.Equal(new PopulationMigrationResult(Changed: 1), first);
        Assert.Equal(new PopulationMigrationResult(Moved: 1, Folded: 1), second);
        var rows = await _population.QueryAsync<TableEntity>(row => row.PartitionKey == PopulationTable.FeaturePartition(tenant, FeatureKind.Ip, ip)).ToListAsync();
        Assert.Equal((PopulationTable.RowKey(ip, 0), 10L), (Assert.Single(rows).RowKey, PopulationTable.ReadCount(rows[0])));
        Assert.Empty(await _population.QueryAsync<TableEntity>(row => row.PartitionKey == Unbucketed(tenant, FeatureKind.Ip)).ToListAsync());
    }

    [Fact]
    public async Task RunAsync_SingleRowIncrementedWhileAShardIsFoldedIntoIt_IsLeftForTheNextRunWhichCountsBoth()
    {
        const string tenant = "t-mig-race-fold";
        var device = PopulationTable.FeatureKey("device-race");
        var partition = PopulationTable.FeaturePartition(tenant, FeatureKind.Device, device);
        await _population.AddEntityAsync(PopulationTable.ToEntity(partition, PopulationTable.RowKey(device, 0), 3));
        await _population.AddEntityAsync(PopulationTable.ToEntity(partition, PopulationTable.RowKey(device, 2), 4));
        var race = new RaceBeforeRequest(
            request => request.Method == RequestMethod.Post && request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal),
            () => _population.UpdateEntityAsync(PopulationTable.ToEntity(partition, PopulationTable.RowKey(device, 0), 4), ETag.All, TableUpdateMode.Replace));

        var first = await MigrationWith(race).RunAsync();
        var second = await new PopulationMigration(_tables).RunAsync();

        Assert.True(race.Raced);
        Assert.Equal(new PopulationMigrationResult(Changed: 1), first);
        Assert.Equal(new PopulationMigrationResult(Folded: 1), second);
        var single = Assert.Single(await _population.QueryAsync<TableEntity>(row => row.PartitionKey == partition).ToListAsync());
        Assert.Equal((PopulationTable.RowKey(device, 0), 4 + 4L), (single.RowKey, PopulationTable.ReadCount(single)));
    }

    /// <summary>A migration whose table requests pass through <paramref name="race"/>.</summary>
    private PopulationMigration MigrationWith(RaceBeforeRequest race)
    {
        var options = new TableClientOptions();
        options.AddPolicy(race, HttpPipelinePosition.PerCall);
        return new PopulationMigration(new RiskTables(azurite.CreateServiceClient(options), azurite.TablePrefix));
    }

    private static string Unbucketed(string tenant, FeatureKind kind) => TableKeyEncoder.Join(tenant, "pop", kind.Code());

    private Task WriteUnbucketedAsync(string tenant, FeatureKind kind, string countedValue, int shard, long count) =>
        _population.AddEntityAsync(PopulationTable.ToEntity(Unbucketed(tenant, kind), PopulationTable.RowKey(countedValue, shard), count));
}
