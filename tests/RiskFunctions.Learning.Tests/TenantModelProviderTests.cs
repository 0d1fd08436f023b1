using Azure.Storage.Blobs;
using RiskFunctions.Domain.Scoring.Learning;
using RiskFunctions.Storage.Models;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Learning.Tests;

public sealed class TenantModelProviderTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(60);

    private readonly ManualTime _time = new(Start);
    private BlobContainerClient _container = null!;
    private TenantModelStore _store = null!;
    private TenantModelProvider _provider = null!;

    public async Task InitializeAsync()
    {
        var server = await AzuriteBlobServer.GetSharedAsync();
        _container = await server.CreateContainerAsync("models");
        _store = new TenantModelStore(_container);
        _provider = new TenantModelProvider(_store, _time, Refresh);
    }

    public Task DisposeAsync() => _container.DeleteIfExistsAsync();

    [Fact]
    public async Task GetAsync_TenantWithoutModel_ReturnsNull()
    {
        Assert.Null(await _provider.GetAsync("tenant-a"));
    }

    [Fact]
    public async Task GetAsync_NewModelStored_IsSwappedInAfterTheRefreshInterval()
    {
        var first = Train(Start.AddDays(1));
        var second = Train(Start.AddDays(2));
        await Save(first);
        Assert.Equal(first.Version, (await _provider.GetAsync("tenant-a"))!.Version);

        await Save(second);
        _time.Advance(Refresh / 2);
        var beforeRefresh = await _provider.GetAsync("tenant-a");
        _time.Advance(Refresh);
        var afterRefresh = await _provider.GetAsync("tenant-a");

        Assert.Equal(first.Version, beforeRefresh!.Version);
        Assert.Equal(second.Version, afterRefresh!.Version);
    }

    [Fact]
    public async Task GetAsync_UnusableDocument_KeepsThePreviousModel()
    {
        var model = Train(Start.AddDays(1));
        await Save(model);
        await _provider.GetAsync("tenant-a");

        await _store.SaveAsync("tenant-a", "v-broken", BinaryData.FromString("{\"format\": 99}"));
        _time.Advance(Refresh * 2);

        Assert.Equal(model.Version, (await _provider.GetAsync("tenant-a"))!.Version);
    }

    private Task Save(TreeEnsembleModel model) => _store.SaveAsync("tenant-a", model.Version, BinaryData.FromBytes(model.Document.ToJson()));

    /// <summary>A small model on labeled purchases where fraud buys within minutes of signup.</summary>
    private static TreeEnsembleModel Train(DateTimeOffset at)
    {
        var random = new Random(at.Day);
        var examples = Enumerable.Range(0, 400).Select(i =>
        {
            var fraud = i % 10 == 0;
            var features = new float[RiskFeatures.Count];
            features[(int)RiskFeature.AccountAge] = (float)Math.Log(1 + (fraud ? random.Next(5, 600) : random.Next(3_600, 1_000_000)));
            return new LabeledExample(features, fraud, Start.AddMinutes(i));
        }).ToList();
        return new RiskModelTrainer(new TrainingOptions { NumberOfTrees = 10 }).Train("tenant-a", examples, at);
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
