using Azure;
using RiskFunctions.Storage.Tables;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Tables;

public sealed class TableClientPropertyTypeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Instant = new DateTimeOffset(2024, 2, 29, 23, 59, 58, TimeSpan.Zero).AddTicks(1_234_567);
    private TableClient _table = null!;

    public enum Colour
    {
        Red,
        Green,
    }

    public static TheoryData<string, object> Values => new()
    {
        { "Int32", 42 },
        { "Int32Min", int.MinValue },
        { "Int64Small", 1L },
        { "Int64Max", long.MaxValue },
        { "Int64Min", long.MinValue },
        { "DoubleWhole", 3.0 },
        { "DoubleFraction", 0.1 },
        { "DoubleTiny", 1e-300 },
        { "DoubleMax", double.MaxValue },
        { "DoubleNegative", -2.5 },
        { "DoubleNaN", double.NaN },
        { "DoubleInfinity", double.PositiveInfinity },
        { "DoubleNegativeInfinity", double.NegativeInfinity },
        { "True", true },
        { "False", false },
        { "DateTime", Instant },
        { "Guid", Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e") },
        { "Binary", new byte[] { 0, 1, 127, 128, 255 } },
        { "String", "plain" },
        { "StringEmpty", string.Empty },
        { "StringUnicode", "Ünïcødé 日本語 🔥 \"quoted\" 'single' \\ / \n" },
        { "StringNumeric", "123" },
    };

    public async Task InitializeAsync() => _table = await azurite.CreateTableAsync("Types");

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Values))]
    public async Task UpsertThenGet_TypedProperty_RoundTripsTypeAndValue(string name, object value)
    {
        await _table.UpsertEntityAsync(new TableEntity("types", name) { ["Value"] = value });

        var read = (await _table.GetEntityAsync<TableEntity>("types", name)).Value["Value"];

        Assert.NotNull(read);
        Assert.IsType(value.GetType(), read);
        Assert.Equal(value, read);
    }

    [Theory]
    [MemberData(nameof(Values))]
    public async Task TransactionThenQuery_TypedProperty_RoundTripsTypeAndValue(string name, object value)
    {
        var partition = "types-" + name;
        await _table.SubmitTransactionAsync([new(TableTransactionActionType.Add, new TableEntity(partition, "r") { ["Value"] = value })]);

        TableEntity? read = null;
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableFilter.Create($"PartitionKey eq {partition}")))
        {
            read = entity;
        }

        Assert.NotNull(read);
        Assert.IsType(value.GetType(), read["Value"]);
        Assert.Equal(value, read["Value"]);
    }

    [Fact]
    public async Task Upsert_DateTimeWithOffset_IsStoredAsTheSameUtcInstant()
    {
        var local = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.FromHours(2));
        await _table.UpsertEntityAsync(new TableEntity("types", "offset") { ["At"] = local, ["AtUtc"] = local.UtcDateTime });

        var read = (await _table.GetEntityAsync<TableEntity>("types", "offset")).Value;

        Assert.Equal(local, read.GetDateTimeOffset("At"));
        Assert.Equal(TimeSpan.Zero, read.GetDateTimeOffset("At")!.Value.Offset);
        Assert.Equal(local.UtcDateTime, read.GetDateTime("AtUtc"));
        Assert.Equal(DateTimeKind.Utc, read.GetDateTime("AtUtc")!.Value.Kind);
    }

    [Fact]
    public async Task Upsert_NullProperty_IsNotStored()
    {
        await _table.UpsertEntityAsync(new TableEntity("types", "null") { ["Missing"] = null, ["Present"] = 1 });

        var read = (await _table.GetEntityAsync<TableEntity>("types", "null")).Value;

        Assert.False(read.ContainsKey("Missing"));
        Assert.Equal(1, read.GetInt32("Present"));
    }

    [Fact]
    public async Task AddThenGet_ClassEntity_MapsEveryPropertyType()
    {
        var entity = new Sample
        {
            PartitionKey = "poco",
            RowKey = "1",
            Name = "n",
            Count = 7,
            Total = 5_000_000_000L,
            Ratio = 2.0,
            Flag = true,
            At = Instant,
            AtUtc = Instant.UtcDateTime,
            Id = Guid.NewGuid(),
            Bytes = [1, 2, 3],
            Data = BinaryData.FromBytes([4, 5]),
            Colour = Colour.Green,
            Optional = null,
            OptionalSet = 9,
            Ignored = "not stored",
        };

        await _table.AddEntityAsync(entity);
        var read = (await _table.GetEntityAsync<Sample>("poco", "1")).Value;
        var raw = (await _table.GetEntityAsync<TableEntity>("poco", "1")).Value;

        Assert.Equal(entity.Name, read.Name);
        Assert.Equal(entity.Count, read.Count);
        Assert.Equal(entity.Total, read.Total);
        Assert.Equal(entity.Ratio, read.Ratio);
        Assert.Equal(entity.Flag, read.Flag);
        Assert.Equal(entity.At, read.At);
        Assert.Equal(entity.AtUtc, read.AtUtc);
        Assert.Equal(entity.Id, read.Id);
        Assert.Equal(entity.Bytes, read.Bytes);
        Assert.Equal(entity.Data.ToArray(), read.Data!.ToArray());
        Assert.Equal(Colour.Green, read.Colour);
        Assert.Null(read.Optional);
        Assert.Equal(9, read.OptionalSet);
        Assert.Null(read.Ignored);
        Assert.Equal("Green", raw.GetString("Colour"));
        Assert.False(raw.ContainsKey("Ignored"));
        Assert.NotEqual(default, read.ETag);
        Assert.NotNull(read.Timestamp);
    }

    public sealed class Sample : ITableEntity
    {
        public string PartitionKey { get; set; } = string.Empty;

        public string RowKey { get; set; } = string.Empty;

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public string? Name { get; set; }

        public int Count { get; set; }

        public long Total { get; set; }

        public double Ratio { get; set; }

        public bool Flag { get; set; }

        public DateTimeOffset At { get; set; }

        public DateTime AtUtc { get; set; }

        public Guid Id { get; set; }

        public byte[]? Bytes { get; set; }

        public BinaryData? Data { get; set; }

        public Colour Colour { get; set; }

        public int? Optional { get; set; }

        public int? OptionalSet { get; set; }

        [System.Runtime.Serialization.IgnoreDataMember]
        public string? Ignored { get; set; }
    }
}
