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

    [Fact]
    public async Task TryAcquireTrainingLock_HeldUntilReleasedOrExpired_OneHolderAtATime()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var first = await _store.TryAcquireTrainingLockAsync("tenant-a", "one", now, now.AddMinutes(15));
        var second = await _store.TryAcquireTrainingLockAsync("tenant-a", "two", now.AddMinutes(1), now.AddMinutes(16));
        var otherTenant = await _store.TryAcquireTrainingLockAsync("tenant-b", "two", now, now.AddMinutes(15));
        await _store.ReleaseTrainingLockAsync(first!);
        var afterRelease = await _store.TryAcquireTrainingLockAsync("tenant-a", "two", now.AddMinutes(2), now.AddMinutes(17));
        var beforeExpiry = await _store.TryAcquireTrainingLockAsync("tenant-a", "three", now.AddMinutes(16), now.AddMinutes(31));
        var afterExpiry = await _store.TryAcquireTrainingLockAsync("tenant-a", "three", now.AddMinutes(18), now.AddMinutes(33));
        await _store.ReleaseTrainingLockAsync(afterRelease!);
        var stillHeld = await _store.TryAcquireTrainingLockAsync("tenant-a", "four", now.AddMinutes(19), now.AddMinutes(34));

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.NotNull(otherTenant);
        Assert.NotNull(afterRelease);
        Assert.Null(beforeExpiry);
        Assert.NotNull(afterExpiry);
        Assert.Null(stillHeld);
    }

    [Fact]
    public async Task TryAcquireTrainingLock_TwoInstancesAtOnce_OnlyOneGetsIt()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var taken = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            _store.TryAcquireTrainingLockAsync("tenant-c", "instance-" + i, now, now.AddMinutes(15))));

        Assert.Single(taken, held => held is not null);
    }
}
