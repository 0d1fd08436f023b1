using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Contract.Recommendations;
using Microsoft.Extensions.DependencyInjection;
using RiskFunctions.Functions.Features.Actions;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Testing.Security;
using Xunit.Abstractions;

namespace RiskFunctions.Functions.Tests.Features.Actions;

/// <summary>
/// The storage round trips on trigger-action's critical path (<see cref="ActionRecorder"/>
/// over real Azurite): how many requests, and how many of them have to wait for another
/// (<see cref="StorageRoundTrips"/>). Independent requests must go out together.
/// </summary>
public sealed class StorageRoundTripTests(ActionServicesFixture fixture, ITestOutputHelper output) : IClassFixture<ActionServicesFixture>
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The most storage requests one trigger-action may send, new and returning users, with or without a correlation id.</summary>
    private const int MaxRequests = 12;

    /// <summary>
    /// The bound of the write path: one wave of reads (the states of user, device and IP address, which hold their
    /// reputation; the profile; the fingerprint's reputation), one wave of writes (one transaction per subject with a
    /// state, one upsert per other subject, the action row, its recent-activity row for ring and campaign
    /// maintenance): 11 requests for this login (4 subjects).
    /// </summary>
    [Fact]
    public async Task Record_NewUser_ReadsInOneWaveThenWritesEverythingInOneWave()
    {
        var tenant = TestTenant.Create().Id;
        await RecordAsync(tenant, Login("warm-up", "warm-up"));

        var waves = await RecordWavesAsync(() => RecordAsync(tenant, Login("new-user", "new-device")));

        Assert.Equal(2, waves.Count);
        Assert.Equal(
            [
                "GET actionindex point read", "GET actionindex point read", "GET actionindex point read",
                "GET profiles point read",
                "GET reputation point read",
            ],
            waves[0]);
        Assert.Equal(["POST actionindex transaction", "POST actionindex transaction", "POST actionindex transaction", "POST actions insert", "PUT actionindex upsert", "PUT activity upsert"], waves[1]);
        Assert.InRange(waves.Sum(wave => wave.Count), 0, MaxRequests);
    }

    [Fact]
    public async Task Record_NewUserWithCorrelationId_StaysWithinTheBound()
    {
        var tenant = TestTenant.Create().Id;
        await RecordAsync(tenant, Login("warm-up", "warm-up"));

        var waves = await RecordWavesAsync(() => RecordAsync(tenant, Login("new-user", "new-device") with { CorrelationId = "order-1" }));

        // The cached rules are revalidated by one version read every few seconds, not per action (a slow machine may reach it here).
        var reads = waves[0].Where(request => request != "GET rules point read").ToList();
        Assert.Equal(2, waves.Count);
        Assert.Equal(5, reads.Count);
        Assert.Equal(7, waves[1].Count);
        Assert.Equal(MaxRequests, reads.Count + waves[1].Count);
    }

    [Fact]
    public async Task Record_ReturningUserWithWarmCaches_ReadsInOneWaveThenWritesEverythingInOneWave()
    {
        var tenant = TestTenant.Create().Id;
        await ArrangeReturningUserAsync(tenant);
        await RecordAsync(tenant, Login("returning", "device")); // loads the population counts into the cache

        var waves = await RecordWavesAsync(() => RecordAsync(tenant, Login("returning", "device")));

        // The cached rules are revalidated by one version read every few seconds, not per action.
        var reads = waves[0].Where(request => request != "GET rules point read").ToList();
        Assert.Equal(2, waves.Count);
        Assert.Equal(5, reads.Count);
        Assert.Contains("GET profiles point read", reads);
        Assert.Equal(["POST actionindex transaction", "POST actionindex transaction", "POST actionindex transaction", "POST actions insert", "PUT actionindex upsert", "PUT activity upsert"], waves[1]);
        Assert.InRange(reads.Count + waves[1].Count, 0, MaxRequests);
    }

    [Fact]
    public async Task Record_ReturningUserWithCorrelationId_StaysWithinTheBound()
    {
        var tenant = TestTenant.Create().Id;
        await ArrangeReturningUserAsync(tenant);
        await RecordAsync(tenant, Login("returning", "device")); // loads the population counts into the cache

        var waves = await RecordWavesAsync(() => RecordAsync(tenant, Login("returning", "device") with { CorrelationId = "order-2" }));

        var reads = waves[0].Where(request => request != "GET rules point read").ToList();
        Assert.Equal(2, waves.Count);
        Assert.Equal(MaxRequests, reads.Count + waves[1].Count);
    }

    /// <summary>
    /// A token derived from an idempotency key: the action an earlier run under the key may have stored is looked for
    /// beside the scoring reads, so a keyed action still takes 2 round trips here (the key's claim and answer are the
    /// idempotency filter's, around it).
    /// </summary>
    [Fact]
    public async Task Record_DerivedToken_LooksForAnEarlierActionBesideTheReads()
    {
        var tenant = TestTenant.Create().Id;
        await ArrangeReturningUserAsync(tenant);
        await RecordAsync(tenant, Login("returning", "device")); // loads the population counts into the cache

        var waves = await RecordWavesAsync(() => fixture.Recorder.RecordAsync(
            tenant, "client", Login("returning", "device"), NewToken(), Now, tokenIsDerived: true, default));

        var reads = waves[0].Where(request => request != "GET rules point read").ToList();
        Assert.Equal(2, waves.Count);
        Assert.Equal(6, reads.Count);
        Assert.Contains("GET actions point read", reads);
        Assert.Equal(6, waves[1].Count);
    }

    /// <summary>
    /// A user back after the instance's population cache has let its counts go (real users come back hours apart): the
    /// counts every user needs (the address's, the network's) and those a crowd shares go out with the profile; only the
    /// device's and the fingerprint's, one row per value and needed only when the profile knows the value, wait for it.
    /// </summary>
    [Fact]
    public async Task Record_ReturningUserWithColdPopulationCache_ReadsOnlyTheDeviceCountsAfterTheProfile()
    {
        var tenant = TestTenant.Create().Id;
        await ArrangeReturningUserAsync(tenant);
        fixture.PopulationClock.Advance(PopulationCache.TimeToLive + TimeSpan.FromSeconds(1));

        var waves = await RecordWavesAsync(() => RecordAsync(tenant, Login("returning", "device")));

        Assert.Equal(3, waves.Count);
        Assert.Contains("GET profiles point read", waves[0]);
        Assert.Contains("GET population query", waves[0]);
        Assert.Single(waves[0], "GET population point read");
        Assert.Equal(["GET population point read", "GET population point read"], waves[1]);
        Assert.Equal(6, waves[2].Count);
    }

    /// <summary>A user back after a while whose device this instance counted lately (its last success): 2 round trips.</summary>
    [Fact]
    public async Task Record_ReturningUserWithColdCrowdCounts_ReadsThemBesideTheProfile()
    {
        var tenant = TestTenant.Create().Id;
        await ArrangeReturningUserAsync(tenant, beforeTheFlush: () => fixture.PopulationClock.Advance(PopulationCache.TimeToLive + TimeSpan.FromSeconds(1)));

        var waves = await RecordWavesAsync(() => RecordAsync(tenant, Login("returning", "device")));

        Assert.Equal(2, waves.Count);
        Assert.Contains("GET profiles point read", waves[0]);
        Assert.Contains("GET population query", waves[0]);
        Assert.DoesNotContain("GET population point read", waves[0]);
        Assert.Equal(6, waves[1].Count);
    }

    /// <summary>A new user from an address whose count this instance does not hold: the count goes out with the profile.</summary>
    [Fact]
    public async Task Record_NewUserFromAnUncountedAddress_ReadsItsCountBesideTheProfile()
    {
        var tenant = TestTenant.Create().Id;
        await RecordAsync(tenant, Login("warm-up", "warm-up"));

        var waves = await RecordWavesAsync(() => RecordAsync(tenant, Login("new-user", "new-device") with
        {
            Context = Login("new-user", "new-device").Context! with { Ip = "81.2.69.160" },
        }));

        Assert.Equal(2, waves.Count);
        Assert.Contains("GET profiles point read", waves[0]);
        Assert.Contains("GET population point read", waves[0]);
        Assert.Equal(6, waves[1].Count);
    }

    /// <summary>
    /// A success result writes its action once: the profile is fed first (idempotent per action), from the profile
    /// trigger-action read on this instance (not read again: the write is conditional on its version), then one
    /// conditional replace stores the result and the fed mark together (no separate merge marking the action fed), with
    /// the recent-activity row's merge beside it. Its population increments are gathered for the instance's next flush,
    /// so none of its requests goes to the population.
    /// </summary>
    [Fact]
    public async Task RecordResult_Success_FeedsTheProfileThenWritesTheActionOnce()
    {
        var tenant = TestTenant.Create().Id;
        await ArrangeReturningUserAsync(tenant);
        var token = NewToken();
        await RecordAsync(tenant, Login("returning", "device"), token);

        var waves = await RecordWavesAsync(() => RecordSuccessAsync(tenant, token));

        var requests = waves.SelectMany(wave => wave).ToList();
        Assert.Equal(
            [["GET actions point read"], ["PUT profiles replace"], ["PATCH activity merge", "PUT actions replace"]],
            waves);
        Assert.True((await fixture.Services.GetRequiredService<ActionRepository>().GetAsync(tenant, token))!.ProfileFed);
        Assert.Equal(2, (await fixture.Services.GetRequiredService<ProfileRepository>().GetAsync(tenant, "returning")).ActionCount);
    }

    /// <summary>A success whose action another instance scored (this one never read the profile): the feed reads it first.</summary>
    [Fact]
    public async Task RecordResult_SuccessOfAProfileNotReadHere_ReadsItBeforeTheFeed()
    {
        var tenant = TestTenant.Create().Id;
        await ArrangeReturningUserAsync(tenant);
        var token = NewToken();
        await RecordAsync(tenant, Login("returning", "device"), token);
        fixture.Services.GetRequiredService<ProfileSnapshotCache>().Set(tenant, "returning", snapshot: null);

        var waves = await RecordWavesAsync(() => RecordSuccessAsync(tenant, token));

        Assert.Equal(
            [["GET actions point read"], ["GET profiles point read"], ["PUT profiles replace"], ["PATCH activity merge", "PUT actions replace"]],
            waves);
    }

    /// <summary>
    /// A tenant whose rules are loaded and a user with a profile (one successful login, its population increments
    /// written as <see cref="PopulationFlusher"/> writes them within a second).
    /// </summary>
    private async Task ArrangeReturningUserAsync(string tenant, Action? beforeTheFlush = null)
    {
        await RecordAsync(tenant, Login("warm-up", "warm-up"));
        var first = NewToken();
        await RecordAsync(tenant, Login("returning", "device"), first);
        await RecordSuccessAsync(tenant, first);
        beforeTheFlush?.Invoke();
        await fixture.Services.GetRequiredService<PopulationRepository>().FlushAsync();
    }

    /// <summary>A login with IP, user agent, device id and fingerprint (4 index subjects with the user).</summary>
    private static TriggerActionRequest Login(string user, string device) => new()
    {
        ActionType = "login",
        UserId = user,
        Context = new TriggerActionContext
        {
            Ip = "81.2.69.142",
            UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
            DeviceId = device,
            DeviceFingerprint = "fp-" + device,
        },
    };

    private async Task RecordSuccessAsync(string tenant, string token) => Assert.Equal(
        ActionResultStatus.Recorded,
        (await fixture.ResultRecorder.RecordAsync(tenant, token, new ActionResultRequest { ActionToken = token, Result = ResultType.Success }, Now, default)).Status);

    private static string NewToken() => System.Security.Cryptography.RandomNumberGenerator.GetHexString(64, lowercase: true);

    private Task RecordAsync(string tenant, TriggerActionRequest request, string? token = null) =>
        fixture.Recorder.RecordAsync(tenant, "client", request, token ?? NewToken(), Now, tokenIsDerived: false, default);

    private async Task<IReadOnlyList<IReadOnlyList<string>>> RecordWavesAsync(Func<Task> call)
    {
        var waves = await fixture.StorageRoundTrips.RecordAsync(call);
        for (var i = 0; i < waves.Count; i++)
        {
            output.WriteLine($"wave {i + 1}: {string.Join(", ", waves[i])}");
        }

        return waves;
    }
}
