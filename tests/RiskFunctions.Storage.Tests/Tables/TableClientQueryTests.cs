using RiskFunctions.Storage.Tables;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Tables;

public sealed class TableClientQueryTests(TableClientQueryTests.SeededTable seeded) : IClassFixture<TableClientQueryTests.SeededTable>
{
    private const int ManyCount = 1_234;
    private const string ManyPartition = "many";
    private readonly TableClient _table = seeded.Table;

    public static TheoryData<string> HostileValues =>
    [
        "' or PartitionKey ne '",
        "x' or true or 'a' eq 'a",
        "O'Brien",
        "''",
        "'",
        "a) or (1 eq 1",
        "Ünïcødé 日本語 🔥",
        "line\nbreak\ttab",
        "%27 or 1 eq 1",
        "\\' or ''='",
    ];


    [Fact]
    public async Task QueryAsync_MoreThanOnePage_FollowsContinuationToEveryEntityInKeyOrder()
    {
        var pages = 0;
        var seen = new List<int>();
        await foreach (var page in _table.QueryAsync<TableEntity>(TableFilter.Create($"PartitionKey eq {ManyPartition}")).AsPages())
        {
            pages++;
            seen.AddRange(page.Values.Select(e => e.GetInt32("I")!.Value));
        }

        Assert.True(pages >= 2, $"expected several pages, got {pages}");
        Assert.Equal(Enumerable.Range(0, ManyCount), seen);
    }

    [Fact]
    public async Task QueryAsync_MaxPerPage_LimitsPageSizeNotTotal()
    {
        var sizes = new List<int>();
        await foreach (var page in _table.QueryAsync<TableEntity>(
            TableFilter.Create($"PartitionKey eq {ManyPartition} and RowKey lt {"r00250"}"), maxPerPage: 100).AsPages())
        {
            sizes.Add(page.Values.Count);
        }

        Assert.Equal(250, sizes.Sum());
        Assert.All(sizes, size => Assert.True(size <= 100));
    }

    [Fact]
    public async Task QueryAsync_ResumedFromContinuationToken_ContinuesWhereThePageEnded()
    {
        var filter = TableFilter.Create($"PartitionKey eq {ManyPartition}");
        string? token = null;
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: 10).AsPages())
        {
            token = page.ContinuationToken;
            break;
        }

        await foreach (var page in _table.QueryAsync<TableEntity>(filter).AsPages(token, pageSizeHint: 5))
        {
            Assert.Equal(["r00010", "r00011", "r00012", "r00013", "r00014"], page.Values.Select(e => e.RowKey));
            break;
        }
    }

    [Fact]
    public async Task QueryAsync_Select_ReturnsKeysAndSelectedPropertiesOnly()
    {
        await foreach (var entity in _table.QueryAsync<TableEntity>(
            TableFilter.Create($"PartitionKey eq {ManyPartition} and RowKey eq {"r00007"}"), select: ["Odd"]))
        {
            Assert.True(entity.GetBoolean("Odd"));
            Assert.False(entity.ContainsKey("I"));
            Assert.NotEqual(default, entity.ETag);
            return;
        }

        Assert.Fail("no entity returned");
    }

    [Fact]
    public async Task QueryAsync_TypedComparison_UsesTypedLiterals()
    {
        var count = 0;
        await foreach (var entity in _table.QueryAsync<TableEntity>(
            TableFilter.Create($"PartitionKey eq {ManyPartition} and I ge {1200} and Odd eq {true}")))
        {
            Assert.True(entity.GetInt32("I") >= 1200);
            count++;
        }

        Assert.Equal(17, count);
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task QueryAsync_HostileValue_MatchesOnlyThatLiteralValue(string hostile)
    {
        var partition = "hostile" + Guid.NewGuid().ToString("N");
        await _table.AddEntityAsync(new TableEntity(partition, "target") { ["Name"] = hostile });
        await _table.AddEntityAsync(new TableEntity(partition, "bystander") { ["Name"] = "someone else" });

        var byValue = await ToListAsync(_table.QueryAsync<TableEntity>(
            TableFilter.Create($"PartitionKey eq {partition} and Name eq {hostile}")));
        var injected = await ToListAsync(_table.QueryAsync<TableEntity>(
            TableFilter.Create($"PartitionKey eq {hostile}")));

        Assert.Equal("target", Assert.Single(byValue).RowKey);
        Assert.Equal(hostile, byValue[0].GetString("Name"));
        Assert.Empty(injected);
    }

    [Fact]
    public async Task QueryAsync_PrefixRangeOnEncodedKeys_FindsExactlyThePrefixedRows()
    {
        var partition = "prefix" + Guid.NewGuid().ToString("N");
        string[] rows = ["user/1", "user/10", "user/2", "user#1", "users", "user", "usez"];
        foreach (var row in rows)
        {
            await _table.AddEntityAsync(new TableEntity(partition, TableKeyEncoder.Encode(row)));
        }

        var found = await ToListAsync(_table.QueryAsync<TableEntity>(TableFilter.And(
            TableFilter.Create($"PartitionKey eq {partition}"),
            TableFilter.PrefixRange("RowKey", TableKeyEncoder.Encode("user/")))));

        Assert.Equal(["user/1", "user/10", "user/2"], found.Select(e => TableKeyEncoder.Decode(e.RowKey)));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>One table per class, seeded once with more entities than one page holds.</summary>
    public sealed class SeededTable : IAsyncLifetime
    {
        private readonly AzuriteFixture _azurite = new();

        public TableClient Table { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await _azurite.InitializeAsync();
            Table = await _azurite.CreateTableAsync("Queries");

            // Transactions of 100: the fast way past one page (1,000 entities).
            foreach (var chunk in Enumerable.Range(0, ManyCount).Chunk(100))
            {
                await Table.SubmitTransactionAsync(chunk.Select(i => new TableTransactionAction(
                    TableTransactionActionType.Add,
                    new TableEntity(ManyPartition, $"r{i:D5}") { ["I"] = i, ["Odd"] = i % 2 == 1 })));
            }
        }

        public Task DisposeAsync() => _azurite.DisposeAsync();
    }
}
