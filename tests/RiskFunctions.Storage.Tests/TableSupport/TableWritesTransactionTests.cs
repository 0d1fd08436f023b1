using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.TableSupport;

public sealed class TableWritesTransactionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private TableClient _table = null!;

    public async Task InitializeAsync() => _table = await azurite.CreateTableAsync("Transactions");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SubmitTransaction_MixedActions_AppliesAllAndReturnsETags()
    {
        var existing = await _table.AddCheckedAsync(new TableEntity("tx1", "update") { ["V"] = 1 });
        await _table.AddCheckedAsync(new TableEntity("tx1", "delete"));

        var response = await _table.SubmitCheckedAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("tx1", "add") { ["V"] = 1 }),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("tx1", "update") { ["V"] = 2 }, existing.Headers.ETag!.Value),
            new(TableTransactionActionType.Delete, new TableEntity("tx1", "delete")),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("tx1", "upsert") { ["V"] = 4 }),
        ]);

        Assert.Equal(4, response.Value.Count);
        Assert.All(response.Value, r => Assert.Equal(204, r.Status));
        var added = await _table.GetEntityAsync<TableEntity>("tx1", "add");
        Assert.Equal(response.Value[0].Headers.ETag, added.Value.ETag);
        Assert.Equal(2, (await _table.GetEntityAsync<TableEntity>("tx1", "update")).Value.GetInt32("V"));
        Assert.False((await _table.GetEntityIfExistsAsync<TableEntity>("tx1", "delete")).HasValue);
        Assert.Equal(4, (await _table.GetEntityAsync<TableEntity>("tx1", "upsert")).Value.GetInt32("V"));
    }

    [Fact]
    public async Task SubmitTransaction_FailingAction_RollsBackAndNamesIndex()
    {
        await _table.AddCheckedAsync(new TableEntity("tx2", "taken") { ["V"] = "original" });

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => _table.SubmitCheckedAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("tx2", "a")),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("tx2", "b")),
            new(TableTransactionActionType.Add, new TableEntity("tx2", "taken") { ["V"] = "overwritten" }),
        ]));

        Assert.Equal(409, ex.Status);
        Assert.True(ex.ErrorCode == TableErrorCode.EntityAlreadyExists, ex.ErrorCode);
        Assert.Equal(2, ex.FailedTransactionActionIndex);
        Assert.False((await _table.GetEntityIfExistsAsync<TableEntity>("tx2", "a")).HasValue);
        Assert.False((await _table.GetEntityIfExistsAsync<TableEntity>("tx2", "b")).HasValue);
        Assert.Equal("original", (await _table.GetEntityAsync<TableEntity>("tx2", "taken")).Value.GetString("V"));
    }

    [Fact]
    public async Task SubmitTransaction_StaleETag_Fails412WithIndex()
    {
        var added = await _table.AddCheckedAsync(new TableEntity("tx3", "e") { ["V"] = 1 });
        await _table.UpsertCheckedAsync(new TableEntity("tx3", "e") { ["V"] = 2 });

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => _table.SubmitCheckedAsync(
        [
            new(TableTransactionActionType.UpsertMerge, new TableEntity("tx3", "other")),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("tx3", "e") { ["V"] = 3 }, added.Headers.ETag!.Value),
        ]));

        Assert.Equal(412, ex.Status);
        Assert.Equal(1, ex.FailedTransactionActionIndex);
        Assert.False((await _table.GetEntityIfExistsAsync<TableEntity>("tx3", "other")).HasValue);
    }

    [Fact]
    public async Task SubmitTransaction_TwoPartitions_RejectedBeforeSending()
    {
        var ex = await Assert.ThrowsAsync<InvalidTableEntityException>(() => _table.SubmitCheckedAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("tx4", "a")),
            new(TableTransactionActionType.Add, new TableEntity("tx4-other", "b")),
        ]));

        Assert.Contains("one PartitionKey", ex.Message, StringComparison.Ordinal);
        Assert.False((await _table.GetEntityIfExistsAsync<TableEntity>("tx4", "a")).HasValue);
    }

    [Fact]
    public async Task SubmitTransaction_SameEntityTwice_RejectedBeforeSending()
    {
        var ex = await Assert.ThrowsAsync<InvalidTableEntityException>(() => _table.SubmitCheckedAsync(
        [
            new(TableTransactionActionType.UpsertMerge, new TableEntity("tx5", "a")),
            new(TableTransactionActionType.Delete, new TableEntity("tx5", "a")),
        ]));

        Assert.Contains("once", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task SubmitTransaction_OutsideOneToHundredActions_RejectedBeforeSending(int count)
    {
        var actions = Enumerable.Range(0, count)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("tx6", $"r{i:D3}")));

        await Assert.ThrowsAsync<InvalidTableEntityException>(() => _table.SubmitCheckedAsync(actions));

        Assert.False((await _table.GetEntityIfExistsAsync<TableEntity>("tx6", "r000")).HasValue);
    }

    [Fact]
    public async Task SubmitTransaction_HundredActions_AllApplied()
    {
        var actions = Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("tx7", $"r{i:D3}") { ["I"] = i }));

        var response = await _table.SubmitCheckedAsync(actions);

        Assert.Equal(100, response.Value.Count);
        var count = 0;
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableFilter.Create($"PartitionKey eq {"tx7"}")))
        {
            Assert.Equal(count++, entity.GetInt32("I"));
        }

        Assert.Equal(100, count);
    }

    [Fact]
    public async Task SubmitTransaction_DeleteMissing_Fails404AndRollsBack()
    {
        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => _table.SubmitCheckedAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("tx8", "a")),
            new(TableTransactionActionType.Delete, new TableEntity("tx8", "missing"), ETag.All),
        ]));

        Assert.Equal(404, ex.Status);
        Assert.Equal(1, ex.FailedTransactionActionIndex);
        Assert.False((await _table.GetEntityIfExistsAsync<TableEntity>("tx8", "a")).HasValue);
    }
}
