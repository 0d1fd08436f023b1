using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Contract.Labels;
using RiskFunctions.Domain.Labels;
using RiskFunctions.Domain.Scoring.Learning;
using RiskFunctions.Functions.Features.Labels;
using RiskFunctions.Functions.Features.Models;
using RiskFunctions.Learning;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Labels;
using RiskFunctions.Storage.Models;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Time;

namespace RiskFunctions.Functions.Tests.Features.Models;

/// <summary>
/// Training at service level on a manual clock, over the real Azurite (tables and blobs): which tenants the scheduled
/// run trains, the lock between instances, and the rule that keeps a model no better than chance out.
/// </summary>
public sealed class TenantModelTrainingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider _time = new(Start);
    private RiskTables _tables = null!;
    private BlobContainerClient _container = null!;
    private TenantModelStore _store = null!;
    private ActionRepository _actions = null!;
    private LabelRepository _labels = null!;

    public async Task InitializeAsync()
    {
        _tables = new RiskTables(azurite.CreateServiceClient(), azurite.NewTablePrefix());
        await _tables.EnsureCreatedAsync([.. ActionTables.All, .. LabelTables.All]);
        _container = await (await AzuriteBlobServer.GetSharedAsync()).CreateContainerAsync("models");
        _store = new TenantModelStore(_container);
        _actions = new ActionRepository(_tables);
        _labels = new LabelRepository(_tables);
    }

    public Task DisposeAsync() => _container.DeleteIfExistsAsync();

    [Fact]
    public async Task RunAsync_TenantsWithLabels_TrainsOnlyThoseWithEnoughAndOnlyOnNewLabels()
    {
        var training = Training();
        await AddLabeledActionsAsync("ready", 240, learnable: true);
        await AddLabeledActionsAsync("short", 50, learnable: true);

        var first = await training.RunAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1));
        var second = await training.RunAsync(CancellationToken.None);
        await AddLabeledActionsAsync("ready", 1, learnable: true);
        var third = await training.RunAsync(CancellationToken.None);

        Assert.Equal(1, first.GetValueOrDefault(TrainingStatus.Trained));
        Assert.Equal(1, first.GetValueOrDefault(TrainingStatus.NotEnoughLabels));
        Assert.Equal(1, second.GetValueOrDefault(TrainingStatus.Unchanged));
        Assert.Equal(0, second.GetValueOrDefault(TrainingStatus.Trained));
        Assert.Equal(1, third.GetValueOrDefault(TrainingStatus.Trained));
        Assert.Equal(2, (await _store.ListVersionsAsync("ready")).Count);
        Assert.Empty(await _store.ListVersionsAsync("short"));
    }

    [Fact]
    public async Task TrainAsync_LockHeldByAnotherInstance_IsBusyUntilTheLockExpires()
    {
        var training = Training();
        await AddLabeledActionsAsync("locked", 240, learnable: true);
        var other = await _store.TryAcquireTrainingLockAsync("locked", "other-instance", _time.GetUtcNow(), _time.GetUtcNow().AddMinutes(15));
        Assert.NotNull(other);

        var busy = await training.TrainAsync("locked", onlyWhenNewLabels: false, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(16));
        var afterExpiry = await training.TrainAsync("locked", onlyWhenNewLabels: false, CancellationToken.None);

        Assert.Equal(TrainingStatus.Busy, busy.Status);
        Assert.Equal(TrainingStatus.Trained, afterExpiry.Status);
        Assert.NotNull(await _store.TryAcquireTrainingLockAsync("locked", "other-instance", _time.GetUtcNow(), _time.GetUtcNow().AddMinutes(15)));
    }

    [Fact]
    public async Task TrainAsync_LockNotReleasedForAnOutage_AnswersTrainedWithTheModelStored()
    {
        var training = Training(new ReleaseFailingStore(_container));
        await AddLabeledActionsAsync("release-out", 240, learnable: true);

        var trained = await training.TrainAsync("release-out", onlyWhenNewLabels: false, CancellationToken.None);

        Assert.Equal(TrainingStatus.Trained, trained.Status);
        Assert.Single(await _store.ListVersionsAsync("release-out"));
    }

    [Fact]
    public async Task TrainAsync_LabelsThatSayNothing_KeepsTheCurrentModel()
    {
        var training = Training();
        await AddLabeledActionsAsync("noisy", 240, learnable: true);
        var good = await training.TrainAsync("noisy", onlyWhenNewLabels: false, CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1));

        // Newer labels whose vectors are all alike: nothing can rank them, so no model trained on them is stored.
        await AddLabeledActionsAsync("noisy", 400, learnable: false);
        var noise = await training.TrainAsync("noisy", onlyWhenNewLabels: false, CancellationToken.None);

        Assert.Equal(TrainingStatus.Trained, good.Status);
        Assert.Equal(TrainingStatus.NotBetter, noise.Status);
        Assert.Equal(good.Model!.Version, (await training.ReadCurrentAsync("noisy", CancellationToken.None))!.Version);
        Assert.Single(await _store.ListVersionsAsync("noisy"));
    }

    private TenantModelTraining Training(TenantModelStore? store = null)
    {
        var options = new LearningOptions();
        return new TenantModelTraining(
            _actions,
            _labels,
            store ?? _store,
            new TenantModelProvider(_store, _time, options.RefreshInterval),
            new RiskModelTrainer(options.Training),
            Options.Create(options),
            _time,
            NullLogger<TenantModelTraining>.Instance);
    }

    /// <summary>
    /// Stores <paramref name="count"/> labeled actions one second apart ending now, with their vectors, and a label row so
    /// the tenant is found. Learnable: fraud has young accounts, legitimate old ones (half each, alternating).
    /// </summary>
    private async Task AddLabeledActionsAsync(string tenantId, int count, bool learnable)
    {
        var labelId = LabelIds.New();
        await _labels.TryAddAsync(new StoredLabel
        {
            TenantId = tenantId,
            Label = new Label { LabelId = labelId, Type = LabelType.ConfirmedFraud, Subject = new LabelTarget(LabelSubjectType.UserId, "u"), LabeledAt = _time.GetUtcNow() },
            StateChangedAt = _time.GetUtcNow(),
        });
        var random = new Random(count);
        for (var i = 0; i < count; i++)
        {
            var fraud = i % 2 == 0;
            var vector = new float[RiskFeatures.Count];
            if (learnable)
            {
                vector[(int)RiskFeature.AccountAge] = (float)((fraud ? 2 : 12) + random.NextDouble());
            }

            var at = _time.GetUtcNow().AddSeconds(i - count);
            Assert.True(await _actions.TryAddAsync(new StoredAction
            {
                TenantId = tenantId,
                ActionToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
                ActionType = "login",
                OccurredAt = at,
                Recommendation = "ALLOW",
                RecommendationDocument = Encoding.UTF8.GetBytes("{}"),
                Features = vector,
                FeatureSchema = vector.Length,
                Model = "hand-tuned",
                LabelId = labelId,
                LabelType = (fraud ? LabelType.ConfirmedFraud : LabelType.ConfirmedLegit).ToString(),
                LabeledAt = _time.GetUtcNow(),
            }));
        }
    }

    /// <summary>Storage that goes away between the training and the release of its lock.</summary>
    private sealed class ReleaseFailingStore(BlobContainerClient container) : TenantModelStore(container)
    {
        public override Task ReleaseTrainingLockAsync(TrainingLock trainingLock, CancellationToken cancellationToken = default) =>
            throw new StorageUnavailableException("Blob storage did not answer.", new TimeoutException());
    }
}
