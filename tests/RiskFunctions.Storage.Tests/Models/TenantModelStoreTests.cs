using Azure.Storage.Blobs;
using RiskFunctions.Storage.Models;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Models;

public sealed class TenantModelStoreTests : IAsyncLifetime
{
    private BlobContainerClient _container = null!;
    private TenantModelStore _store = null!;

    public async Task InitializeAsync()
    {
        var server = await AzuriteBlobServer.GetSharedAsync();
        _container = await server.CreateContainerAsync("models");
        _store = new TenantModelStore(_container);
    }

    public Task DisposeAsync() => _container.DeleteIfExistsAsync();

    [Fact]
    public async Task GetCurrentAsync_TenantWithoutModel_ReturnsNull()
    {
        Assert.Null(await _store.GetCurrentAsync("tenant-a"));
    }

    [Fact]
    public async Task SaveAsync_TwoVersions_CurrentIsTheLatestAndBothAreKept()
    {
        await _store.SaveAsync("tenant-a", "v20260101000000", BinaryData.FromString("{\"version\":\"v20260101000000\"}"));
        await _store.SaveAsync("tenant-a", "v20260102000000", BinaryData.FromString("{\"version\":\"v20260102000000\"}"));

        var current = await _store.GetCurrentAsync("tenant-a");

        Assert.Equal("{\"version\":\"v20260102000000\"}", current!.Content!.ToString());
        Assert.Equal(["v20260101000000", "v20260102000000"], await _store.ListVersionsAsync("tenant-a"));
        Assert.Null(await _store.GetCurrentAsync("tenant-b"));
    }

    [Fact]
    public async Task GetCurrentAsync_SameETag_IsUnchangedUntilANewModelIsSaved()
    {
        await _store.SaveAsync("tenant/with space", "v1", BinaryData.FromString("{\"v\":1}"));
        var first = await _store.GetCurrentAsync("tenant/with space");

        var again = await _store.GetCurrentAsync("tenant/with space", first!.ETag);
        await _store.SaveAsync("tenant/with space", "v2", BinaryData.FromString("{\"v\":2}"));
        var swapped = await _store.GetCurrentAsync("tenant/with space", first.ETag);

        Assert.True(again!.Unchanged);
        Assert.False(swapped!.Unchanged);
        Assert.Equal("{\"v\":2}", swapped.Content!.ToString());
        Assert.NotEqual(first.ETag, swapped.ETag);
    }
}
