using Azure;
using Azure.Core;
using Azure.Data.Tables;
using RiskFunctions.Storage.Rules;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Storage;

namespace RiskFunctions.Storage.Tests.Rules;

public sealed class RuleHitStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);
    private readonly RiskTables _tables = new(azurite.CreateServiceClient(), azurite.TablePrefix);
    private readonly string _tenant = "tenant/" + Guid.NewGuid().ToString("N");
    private readonly string _writer = RuleHitFlush.NewId();

    private RuleHitStore Store => new(_tables);

    private static RuleHitCounts Hits(long production, long revision = 1) => new(revision, production, 0, At);

    public Task InitializeAsync() => _tables.EnsureCreatedAsync(StorageTables.All);

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// The write is applied but its answer lost, so the writer sends the same batch again: it is recognized, not added
    /// a second time, whether the lost write created the row (an insert) or added to it (an ETag update).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddAsync_SameFlushAgainAfterItsAnswerWasLost_IsAddedOnce(bool rowExists)
    {
        if (rowExists)
        {
            Assert.True(await Store.AddAsync(_tenant, "r1", RuleHitFlush.Start(_writer, Hits(10))));
        }

        var lost = new AnswerLostAfterRequest(AnswerLostAfterRequest.WritesTo(RuleHitStore.TableName));
        var options = new TableClientOptions();
        options.AddPolicy(lost, HttpPipelinePosition.PerRetry);
        var losingAnswers = new RuleHitStore(new RiskTables(azurite.CreateServiceClient(options), azurite.TablePrefix));
        var flush = RuleHitFlush.Start(_writer, Hits(3));

        await Assert.ThrowsAsync<RequestFailedException>(() => losingAnswers.AddAsync(_tenant, "r1", flush));
        Assert.True(await losingAnswers.AddAsync(_tenant, "r1", flush));

        Assert.True(lost.Lost);
        Assert.Equal(Hits(rowExists ? 13 : 3), await Store.GetAsync(_tenant, "r1"));
    }

    [Fact]
    public async Task AddAsync_FlushesOfSeveralWriters_AddUpEachOnce()
    {
        var other = RuleHitFlush.NewId();
        var first = RuleHitFlush.Start(_writer, Hits(1));
        var second = RuleHitFlush.Start(other, Hits(2));

        foreach (var flush in new[] { first, second, first, RuleHitFlush.Start(_writer, Hits(4)), second })
        {
            Assert.True(await Store.AddAsync(_tenant, "r1", flush));
        }

        Assert.Equal(Hits(7), await Store.GetAsync(_tenant, "r1"));
    }

    [Fact]
    public async Task AddAsync_NewerRevision_ReplacesTheCountsAndAnOlderOneIsDropped()
    {
        Assert.True(await Store.AddAsync(_tenant, "r1", RuleHitFlush.Start(_writer, Hits(5))));
        Assert.True(await Store.AddAsync(_tenant, "r1", RuleHitFlush.Start(_writer, Hits(2, revision: 2))));
        Assert.True(await Store.AddAsync(_tenant, "r1", RuleHitFlush.Start(RuleHitFlush.NewId(), Hits(7))));

        Assert.Equal(Hits(2, revision: 2), await Store.GetAsync(_tenant, "r1"));
    }

    /// <summary>
    /// Past the bound of remembered writers the least recent one is forgotten: the row stays within the service's
    /// property limit, and the writers still remembered are still recognized.
    /// </summary>
    [Fact]
    public async Task AddAsync_MoreWritersThanTheBound_ForgetsTheLeastRecent()
    {
        var flushes = Enumerable.Range(0, RuleHitFlushMarks.MaxMarks + 1).Select(_ => RuleHitFlush.Start(RuleHitFlush.NewId(), Hits(1))).ToList();
        foreach (var flush in flushes)
        {
            Assert.True(await Store.AddAsync(_tenant, "r1", flush));
        }

        Assert.True(await Store.AddAsync(_tenant, "r1", flushes[1]));
        Assert.True(await Store.AddAsync(_tenant, "r1", flushes[^1]));

        var row = (await _tables.GetTable(RuleHitStore.TableName).GetEntityAsync<TableEntity>(RuleHitsTable.PartitionKey(_tenant), "r1")).Value;
        Assert.Equal(RuleHitFlushMarks.MaxMarks, row.Keys.Count(name => name.StartsWith("F_", StringComparison.Ordinal)));
        Assert.DoesNotContain("F_" + flushes[0].WriterId, row.Keys);
        Assert.Equal(Hits(RuleHitFlushMarks.MaxMarks + 1), await Store.GetAsync(_tenant, "r1"));
    }

    [Fact]
    public async Task DeleteAsync_StoredCounts_AreForgotten()
    {
        Assert.True(await Store.AddAsync(_tenant, "r1", RuleHitFlush.Start(_writer, Hits(5))));

        await Store.DeleteAsync(_tenant, "r1");

        Assert.Null(await Store.GetAsync(_tenant, "r1"));
    }

    [Fact]
    public async Task AddAsync_WriterIdThatCannotNameAProperty_IsRejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AddAsync(_tenant, "r1", RuleHitFlush.Start("a-b", Hits(1))));
    }
}
