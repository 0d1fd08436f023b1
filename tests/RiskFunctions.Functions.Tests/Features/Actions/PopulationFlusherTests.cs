using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Functions.Features.Actions;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Logging;
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
        var (population, flusher) = await StartFlusherAsync();
        using var stopped = flusher;
        await CountSuccessAsync(population, "alice", "a1");

        Assert.Equal(0, await CountedElsewhereAsync());
        await TickUntilAsync(async () => await CountedElsewhereAsync() == 1);
        await CountSuccessAsync(population, "bob", "b1");
        await TickUntilAsync(async () => await CountedElsewhereAsync() == 2);

        await flusher.StopAsync(CancellationToken.None);
        Assert.Equal(2, await CountedElsewhereAsync());
    }

    [Fact]
    public async Task StopAsync_WritesWhatWasGatheredSinceTheLastInterval()
    {
        var (population, flusher) = await StartFlusherAsync();
        using var stopped = flusher;
        await CountSuccessAsync(population, "alice", "a1");
        await CountSuccessAsync(population, "bob", "b1");

        await flusher.StopAsync(CancellationToken.None);

        Assert.Equal(2, await CountedElsewhereAsync());
    }

    [Fact]
    public async Task AFlushThatFails_IsLoggedAsAWarningAndTheNextIntervalFlushesAgain()
    {
        var calls = 0;
        var population = new Mock<PopulationRepository>();
        population.Setup(repository => repository.FlushAsync(It.IsAny<CancellationToken>()))
            .Returns(() => Interlocked.Increment(ref calls) == 1
                ? Task.FromException<int>(new RequestFailedException(503, "storage unavailable"))
                : Task.FromResult(0));
        var logs = new CapturedLogs();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs));
        using var flusher = new PopulationFlusher(population.Object, _time, loggers.CreateLogger<PopulationFlusher>());
        await flusher.StartAsync(CancellationToken.None);

        await TickUntilAsync(() => Task.FromResult(logs.Entries.Any(entry => entry.Level == LogLevel.Warning)));
        await TickUntilAsync(() => Task.FromResult(Volatile.Read(ref calls) >= 2));
        var beforeStop = Volatile.Read(ref calls);
        await flusher.StopAsync(CancellationToken.None);

        Assert.Equal(beforeStop + 1, Volatile.Read(ref calls));
        var warning = Assert.Single(logs.Entries, entry => entry.Level == LogLevel.Warning);
        Assert.IsType<RequestFailedException>(warning.Exception);
    }

    /// <summary>An instance's population repository over the test's tables, and its flusher, started.</summary>
    private async Task<(PopulationRepository Population, PopulationFlusher Flusher)> StartFlusherAsync()
    {
        var population = new PopulationRepository(_tables, new PopulationCache(_time));
        var flusher = new PopulationFlusher(population, _time, NullLogger<PopulationFlusher>.Instance);
        await flusher.StartAsync(CancellationToken.None);
        return (population, flusher);
    }

    private async Task CountSuccessAsync(PopulationRepository population, string user, string actionId) =>
        population.Increment(_tenant, await new ProfileRepository(_tables).FeedAsync(_tenant, user, Features, actionId, At));

    /// <summary>The tenant's count of the address, as an instance that counted nothing itself reads it.</summary>
    private async Task<long> CountedElsewhereAsync() =>
        (await new PopulationRepository(_tables, new PopulationCache(_time)).ReadAsync(_tenant, Features, (UserProfile?)null)).Value(FeatureKind.Ip);

    /// <summary>
    /// Moves the clock an interval at a time until <paramref name="condition"/> holds: the flusher's loop starts on its
    /// own thread and each tick's flush runs on its own (the bound only stops a broken test).
    /// </summary>
    private async Task TickUntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 300 && !await condition(); attempt++)
        {
            _time.Advance(PopulationFlusher.Interval);
            await Task.Delay(50);
        }

        Assert.True(await condition());
    }
}
