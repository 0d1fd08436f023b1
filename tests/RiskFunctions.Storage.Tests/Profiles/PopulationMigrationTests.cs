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
        await new PopulationRepository(_tables, new PopulationCache(TimeProvider.System))
            .IncrementAsync(tenant, await profiles.FeedAsync(tenant, "u", features, "a1", At), "a1");

        var first = await new PopulationMigration(_tables).RunAsync();
        var second = await new PopulationMigration(_tables).RunAsync();

        Assert.Equal(new PopulationMigrationResult(Moved: 3), first);
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

    private static string Unbucketed(string tenant, FeatureKind kind) => TableKeyEncoder.Join(tenant, "pop", kind.Code());

    private Task WriteUnbucketedAsync(string tenant, FeatureKind kind, string countedValue, int shard, long count) =>
        _population.AddEntityAsync(PopulationTable.ToEntity(Unbucketed(tenant, kind), PopulationTable.RowKey(countedValue, shard), count));
}
