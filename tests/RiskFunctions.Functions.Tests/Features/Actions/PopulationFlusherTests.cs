using Microsoft.Extensions.Logging.Abstractions;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Functions.Features.Actions;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Time;

namespace RiskFunctions.Functions.Tests.Features.Actions;

/// <summary>
/// The live results' population increments over a real table set: another instance counts them once the flusher has
/// written them, every interval and on a clean shutdown.
/// </summary>
public sealed class PopulationFlusherTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(At);
    private readonly RiskTables _tables = new(azurite.CreateServiceClient(), azurite.TablePrefix);
    private readonly string _tenant = "tenant-" + Guid.NewGuid().ToString("N");

    private static ActionFeatures Features { get; } = FeatureKeys.From(new ActionFacts
    {
        ActionType = "login",
        UserId = "u",
        DeviceId = "device-1",
        Network = new NetworkFacts("192.0.2.1", "US", "AS64496"),
        Client = new ClientFacts("Mozilla/5.0 Chrome/120", "desktop", "Windows", "10", "Chrome", "120", false),
        OccurredAt = At,
    });

    public Task InitializeAsync() => _tables.EnsureCreatedAsync(StorageTables.All);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task EveryInterval_WritesTheIncrementsGatheredSinceTheLastOne()
    {
        var population = new PopulationRepository(_tables, new PopulationCache(_time));
        using var flusher = new PopulationFlusher(population, _time, NullLogger<PopulationFlusher>.Instance);
        await flusher.StartAsync(CancellationToken.None);
        await CountSuccessAsync(population, "alice", "a1");

        Assert.Equal(0, await CountedElsewhereAsync());
        _time.Advance(PopulationFlusher.Interval);
        await WaitUntilAsync(async () => await CountedElsewhereAsync() == 1);
        await CountSuccessAsync(population, "bob", "b1");
        _time.Advance(PopulationFlusher.Interval);
        await WaitUntilAsync(async () => await CountedElsewhereAsync() == 2);

        await flusher.StopAsync(CancellationToken.None);
        Assert.Equal(2, await CountedElsewhereAsync());
    }

    [Fact]
    public async Task StopAsync_WritesWhatWasGatheredSinceTheLastInterval()
    {
        var population = new PopulationRepository(_tables, new PopulationCache(_time));
        using var flusher = new PopulationFlusher(population, _time, NullLogger<PopulationFlusher>.Instance);
        await flusher.StartAsync(CancellationToken.None);
        await CountSuccessAsync(population, "alice", "a1");
        await CountSuccessAsync(population, "bob", "b1");

        await flusher.StopAsync(CancellationToken.None);

        Assert.Equal(2, await CountedElsewhereAsync());
    }

    private async Task CountSuccessAsync(PopulationRepository population, string user, string actionId) =>
        population.Increment(_tenant, await new ProfileRepository(_tables).FeedAsync(_tenant, user, Features, actionId, At));

    /// <summary>The tenant's count of the address, as an instance that counted nothing itself reads it.</summary>
    private async Task<long> CountedElsewhereAsync() =>
        (await new PopulationRepository(_tables, new PopulationCache(_time)).ReadAsync(_tenant, Features, profile: null)).Value(FeatureKind.Ip);

    /// <summary>The flush a tick starts runs on its own: waits for its effect (the bound only stops a broken test).</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 300 && !await condition(); attempt++)
        {
            await Task.Delay(50);
        }

        Assert.True(await condition());
    }
}
