using Azure;
using RiskFunctions.Storage.Tables;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Tables;

public sealed class TableClientEntityTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private TableClient _table = null!;

    public async Task InitializeAsync() => _table = await azurite.CreateTableAsync("Entities");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AddEntity_NewEntity_IsReadBackWithETag()
    {
        var response = await _table.AddEntityAsync(new TableEntity("p1", "r1") { ["Name"] = "alice" });

        var read = await _table.GetEntityAsync<TableEntity>("p1", "r1");
        Assert.Equal(204, response.Status);
        Assert.Equal("alice", read.Value.GetString("Name"));
        Assert.NotEqual(default, read.Value.ETag);
        Assert.Equal(response.Headers.ETag, read.Value.ETag);
        Assert.NotNull(read.Value.Timestamp);
    }

    [Fact]
    public async Task AddEntity_ExistingKeys_Throws409EntityAlreadyExists()
    {
        await _table.AddEntityAsync(new TableEntity("p1", "dup"));

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => _table.AddEntityAsync(new TableEntity("p1", "dup")));

        Assert.Equal(409, ex.Status);
        Assert.True(ex.ErrorCode == TableErrorCode.EntityAlreadyExists, ex.ErrorCode);
    }

    [Fact]
    public async Task UpsertEntity_Merge_KeepsPropertiesNotSent()
    {
        await _table.AddEntityAsync(new TableEntity("p2", "m") { ["A"] = "a", ["B"] = 1 });

        await _table.UpsertEntityAsync(new TableEntity("p2", "m") { ["B"] = 2 }, TableUpdateMode.Merge);

        var read = (await _table.GetEntityAsync<TableEntity>("p2", "m")).Value;
        Assert.Equal("a", read.GetString("A"));
        Assert.Equal(2, read.GetInt32("B"));
    }

    [Fact]
    public async Task UpsertEntity_Replace_DropsPropertiesNotSent()
    {
        await _table.AddEntityAsync(new TableEntity("p2", "r") { ["A"] = "a", ["B"] = 1 });

        await _table.UpsertEntityAsync(new TableEntity("p2", "r") { ["B"] = 2 }, TableUpdateMode.Replace);

        var read = (await _table.GetEntityAsync<TableEntity>("p2", "r")).Value;
        Assert.False(read.ContainsKey("A"));
        Assert.Equal(2, read.GetInt32("B"));
    }

    [Fact]
    public async Task UpsertEntity_Missing_Inserts()
    {
        await _table.UpsertEntityAsync(new TableEntity("p2", "new") { ["A"] = "x" }, TableUpdateMode.Replace);

        Assert.Equal("x", (await _table.GetEntityAsync<TableEntity>("p2", "new")).Value.GetString("A"));
    }

    [Fact]
    public async Task UpdateEntity_CurrentETag_SucceedsAndChangesETag()
    {
        var added = await _table.AddEntityAsync(new TableEntity("p3", "u") { ["V"] = 1 });

        var updated = await _table.UpdateEntityAsync(new TableEntity("p3", "u") { ["V"] = 2 }, added.Headers.ETag!.Value, TableUpdateMode.Replace);

        Assert.NotEqual(added.Headers.ETag, updated.Headers.ETag);
        Assert.Equal(2, (await _table.GetEntityAsync<TableEntity>("p3", "u")).Value.GetInt32("V"));
    }

    [Fact]
    public async Task UpdateEntity_StaleETag_Throws412AndKeepsStoredValue()
    {
        var added = await _table.AddEntityAsync(new TableEntity("p3", "stale") { ["V"] = 1 });
        await _table.UpsertEntityAsync(new TableEntity("p3", "stale") { ["V"] = 2 });

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() =>
            _table.UpdateEntityAsync(new TableEntity("p3", "stale") { ["V"] = 3 }, added.Headers.ETag!.Value));

        Assert.Equal(412, ex.Status);
        Assert.True(ex.ErrorCode == TableErrorCode.UpdateConditionNotSatisfied, ex.ErrorCode);
        Assert.Equal(2, (await _table.GetEntityAsync<TableEntity>("p3", "stale")).Value.GetInt32("V"));
    }

    [Fact]
    public async Task UpdateEntity_Missing_Throws404()
    {
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() =>
            _table.UpdateEntityAsync(new TableEntity("p3", "missing"), ETag.All));

        Assert.Equal(404, ex.Status);
    }

    [Fact]
    public async Task DeleteEntity_StaleETag_Throws412AndKeepsEntity()
    {
        var added = await _table.AddEntityAsync(new TableEntity("p4", "d") { ["V"] = 1 });
        await _table.UpsertEntityAsync(new TableEntity("p4", "d") { ["V"] = 2 });

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => _table.DeleteEntityAsync("p4", "d", added.Headers.ETag!.Value));

        Assert.Equal(412, ex.Status);
        Assert.True((await _table.GetEntityIfExistsAsync<TableEntity>("p4", "d")).HasValue);
    }

    [Fact]
    public async Task DeleteEntity_CurrentETag_Deletes()
    {
        var added = await _table.AddEntityAsync(new TableEntity("p4", "ok"));

        var response = await _table.DeleteEntityAsync("p4", "ok", added.Headers.ETag!.Value);

        Assert.Equal(204, response.Status);
        Assert.False((await _table.GetEntityIfExistsAsync<TableEntity>("p4", "ok")).HasValue);
    }

    [Fact]
    public async Task DeleteEntity_Missing_ReturnsNotFoundWithoutThrowing()
    {
        var response = await _table.DeleteEntityAsync("p4", "never");

        Assert.Equal(404, response.Status);
    }

    [Fact]
    public async Task GetEntityIfExists_Missing_HasNoValue()
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>("p5", "none");

        Assert.False(response.HasValue);
        Assert.Equal(404, response.GetRawResponse().Status);
    }

    [Fact]
    public async Task GetEntity_Missing_Throws404ResourceNotFound()
    {
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => _table.GetEntityAsync<TableEntity>("p5", "none"));

        Assert.Equal(404, ex.Status);
        Assert.True(ex.ErrorCode == TableErrorCode.ResourceNotFound, ex.ErrorCode);
    }

    [Fact]
    public async Task GetEntity_Select_ReturnsOnlyThoseProperties()
    {
        await _table.AddEntityAsync(new TableEntity("p5", "sel") { ["A"] = "a", ["B"] = "b" });

        var read = (await _table.GetEntityAsync<TableEntity>("p5", "sel", ["A"])).Value;

        Assert.Equal("a", read.GetString("A"));
        Assert.False(read.ContainsKey("B"));
    }
}
