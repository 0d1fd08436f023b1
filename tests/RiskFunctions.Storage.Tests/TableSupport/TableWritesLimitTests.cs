using Azure.Data.Tables;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.TableSupport;

public sealed class TableWritesLimitTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private TableClient _table = null!;

    public static TheoryData<string> ForbiddenKeys => ["a/b", "a\\b", "a#b", "a?b", "tab\there", "nul\0", "del\u007f", "c1\u0085"];

    public static TheoryData<string> AwkwardValues =>
    [
        "a/b\\c#d?e",
        "100%",
        "%2F already encoded",
        "tenant|kind|value",
        "O'Brien",
        "''",
        "line\nbreak\r\n",
        "\u0000\u001f\u007f\u009f",
        "Ünïcødé 日本語 🔥",
        "lone \ud800 surrogate",
        "spaces and + plus & amp = eq ( ) ,",
        "https://example.com/path?q=1#frag",
    ];

    public async Task InitializeAsync() => _table = await azurite.CreateTableAsync("Keys");

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(ForbiddenKeys))]
    public async Task AddEntity_RawForbiddenCharacterInKey_RejectedBeforeSending(string key)
    {
        var ex = await Assert.ThrowsAsync<InvalidTableEntityException>(() => _table.AddCheckedAsync(new TableEntity("p", key)));

        Assert.Contains("RowKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(TableKeyEncoder), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AwkwardValues))]
    public async Task EncodedKeys_AwkwardUserValue_RoundTripThroughEveryOperation(string value)
    {
        var partition = TableKeyEncoder.Join("tenant", value);
        var row = TableKeyEncoder.Encode(value);

        await _table.AddCheckedAsync(new TableEntity(partition, row) { ["Raw"] = "x" });
        var read = (await _table.GetEntityAsync<TableEntity>(partition, row)).Value;
        await _table.UpdateCheckedAsync(new TableEntity(partition, row) { ["Raw"] = "y" }, read.ETag);
        var queried = new List<TableEntity>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableFilter.Create($"PartitionKey eq {partition} and RowKey eq {row}")))
        {
            queried.Add(entity);
        }

        await _table.DeleteEntityAsync(partition, row);

        Assert.Equal(value, TableKeyEncoder.Decode(read.RowKey));
        Assert.Equal(["tenant", value], TableKeyEncoder.Split(read.PartitionKey));
        Assert.Equal("y", Assert.Single(queried).GetString("Raw"));
        Assert.False((await _table.GetEntityIfExistsAsync<TableEntity>(partition, row)).HasValue);
    }

    [Fact]
    public async Task AddEntity_KeyOver1KiB_RejectedBeforeSending()
    {
        var ex = await Assert.ThrowsAsync<InvalidTableEntityException>(() =>
            _table.AddCheckedAsync(new TableEntity(new string('k', TableEntityLimits.MaxKeyLength + 1), "r")));

        Assert.Contains("PartitionKey", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddEntity_KeyOfExactly1KiB_IsStored()
    {
        var key = new string('k', TableEntityLimits.MaxKeyLength);

        await _table.AddCheckedAsync(new TableEntity("long", key));

        Assert.True((await _table.GetEntityIfExistsAsync<TableEntity>("long", key)).HasValue);
    }

    [Fact]
    public async Task AddEntity_StringOver64KiB_RejectedWithPropertyName()
    {
        var entity = new TableEntity("big", "string") { ["Notes"] = new string('x', TableEntityLimits.MaxStringLength + 1) };

        var ex = await Assert.ThrowsAsync<InvalidTableEntityException>(() => _table.AddCheckedAsync(entity));

        Assert.Contains("'Notes'", ex.Message, StringComparison.Ordinal);
        Assert.False((await _table.GetEntityIfExistsAsync<TableEntity>("big", "string")).HasValue);
    }

    [Fact]
    public async Task AddEntity_StringOfExactly64KiB_IsStored()
    {
        var text = new string('x', TableEntityLimits.MaxStringLength);

        await _table.AddCheckedAsync(new TableEntity("big", "max") { ["Notes"] = text });

        Assert.Equal(text, (await _table.GetEntityAsync<TableEntity>("big", "max")).Value.GetString("Notes"));
    }

    [Fact]
    public async Task AddEntity_BinaryOver64KiB_RejectedWithPropertyName()
    {
        var entity = new TableEntity("big", "binary") { ["Blob"] = new byte[TableEntityLimits.MaxBinaryLength + 1] };

        var ex = await Assert.ThrowsAsync<InvalidTableEntityException>(() => _table.AddCheckedAsync(entity));

        Assert.Contains("'Blob'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertEntity_Over1MiB_RejectedWithSize()
    {
        var entity = new TableEntity("big", "entity");
        for (var i = 0; i < 17; i++)
        {
            entity[$"P{i}"] = new string('x', TableEntityLimits.MaxStringLength);
        }

        var ex = await Assert.ThrowsAsync<InvalidTableEntityException>(() => _table.UpsertCheckedAsync(entity));

        Assert.Contains("1 MiB", ex.Message, StringComparison.Ordinal);
        Assert.False((await _table.GetEntityIfExistsAsync<TableEntity>("big", "entity")).HasValue);
    }

    [Fact]
    public async Task AddEntity_MoreThan252Properties_Rejected()
    {
        var entity = new TableEntity("big", "props");
        for (var i = 0; i <= TableEntityLimits.MaxCustomProperties; i++)
        {
            entity[$"P{i}"] = i;
        }

        var ex = await Assert.ThrowsAsync<InvalidTableEntityException>(() => _table.AddCheckedAsync(entity));

        Assert.Contains("253 properties", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddEntity_Exactly252Properties_IsStored()
    {
        var entity = new TableEntity("big", "props252");
        for (var i = 0; i < TableEntityLimits.MaxCustomProperties; i++)
        {
            entity[$"P{i}"] = i;
        }

        await _table.AddCheckedAsync(entity);

        Assert.Equal(251, (await _table.GetEntityAsync<TableEntity>("big", "props252")).Value.GetInt32("P251"));
    }

    [Fact]
    public async Task SubmitTransaction_OversizedEntity_RejectsWholeTransactionBeforeSending()
    {
        var ex = await Assert.ThrowsAsync<InvalidTableEntityException>(() => _table.SubmitCheckedAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("bigtx", "ok")),
            new(TableTransactionActionType.Add, new TableEntity("bigtx", "huge") { ["S"] = new string('x', TableEntityLimits.MaxStringLength + 1) }),
        ]));

        Assert.Contains("'S'", ex.Message, StringComparison.Ordinal);
        Assert.False((await _table.GetEntityIfExistsAsync<TableEntity>("bigtx", "ok")).HasValue);
    }

    [Fact]
    public async Task SubmitTransaction_BodyOver4MiB_RejectedBeforeSending()
    {
        var actions = Enumerable.Range(0, 100).Select(i => new TableTransactionAction(
            TableTransactionActionType.UpsertReplace,
            new TableEntity("bigtx", $"r{i:D3}") { ["A"] = new string('x', 30_000), ["B"] = new string('y', 30_000) }));

        var ex = await Assert.ThrowsAsync<InvalidTableEntityException>(() => _table.SubmitCheckedAsync(actions));

        Assert.Contains("4 MiB", ex.Message, StringComparison.Ordinal);
    }
}
