using Azure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using RiskFunctions.Domain.Contract.Rules;
using RiskFunctions.Domain.Rules.Model;
using RiskFunctions.Domain.Rules.Values;
using RiskFunctions.Functions.Features.Rules;
using RiskFunctions.Functions.Features.Rules.Evaluation;
using RiskFunctions.Storage.Rules;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.Time;

namespace RiskFunctions.Functions.Tests.Features.Rules;

/// <summary>Staleness, single flight and failure behaviour of the per-instance cache, against a scripted repository.</summary>
public sealed class RuleSetCacheTests
{
    private const string Tenant = "tenant-1";

    private readonly ManualTimeProvider _time = new();
    private readonly Mock<RuleRepository> _repository = new();
    private long _storedVersion = 1;

    public RuleSetCacheTests()
    {
        _repository.Setup(r => r.GetVersionAsync(Tenant, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new RuleSetVersion(_storedVersion, 1, 1, new ETag("x")));
        _repository.Setup(r => r.LoadAsync(Tenant, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => (new RuleSetVersion(_storedVersion, 1, 1, new ETag("x")), Rules(_storedVersion)));
    }

    private RuleSetCache NewCache() =>
        new(_repository.Object, _time, Options.Create(new RulesOptions()), new OutageLogThrottle(_time), NullLogger<RuleSetCache>.Instance);

    private static IReadOnlyList<StoredRule> Rules(long version)
    {
        MatcherValues.TryCreateMatcher(MatcherKind.UserIds, ["user-" + version], out var matcher, out _);
        var rule = new RecommendationRule
        {
            Id = "r" + version,
            Name = "rule",
            Priority = 1,
            Matcher = matcher!,
            Recommendation = RuleRecommendationType.Deny,
            Enabled = true,
            Mode = RuleMode.Production,
        };
        return [new StoredRule(rule, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, new ETag("r"))];
    }

    private void VerifyVersionReads(int times) =>
        _repository.Verify(r => r.GetVersionAsync(Tenant, It.IsAny<CancellationToken>()), Times.Exactly(times));

    private void VerifyLoads(int times) =>
        _repository.Verify(r => r.LoadAsync(Tenant, It.IsAny<CancellationToken>()), Times.Exactly(times));

    [Fact]
    public async Task Get_FirstUse_LoadsAndCompiles()
    {
        var entry = await NewCache().GetAsync(Tenant, default);

        Assert.Equal(1, entry.Version);
        Assert.Equal("r1", Assert.Single(entry.Rules.Rules).Id);
        VerifyLoads(1);
    }

    [Fact]
    public async Task Get_WithinHalfTheBound_ReadsNothing()
    {
        var cache = NewCache();
        var loaded = await cache.GetAsync(Tenant, default);
        _time.Advance(TimeSpan.FromSeconds(2.4));

        var entry = cache.GetAsync(Tenant, default);

        Assert.True(entry.IsCompletedSuccessfully);
        Assert.Same(loaded, await entry);
        VerifyVersionReads(0);
    }

    [Fact]
    public async Task Get_PastHalfTheBound_AnswersAtOnceAndChecksInTheBackground()
    {
        var cache = NewCache();
        var loaded = await cache.GetAsync(Tenant, default);
        _storedVersion = 2;
        _time.Advance(TimeSpan.FromSeconds(3));

        var entry = cache.GetAsync(Tenant, default);

        Assert.True(entry.IsCompletedSuccessfully);
        Assert.Same(loaded, await entry);
        await loaded.Revalidation!;
        Assert.Equal(2, (await cache.GetAsync(Tenant, default)).Version);
        VerifyVersionReads(1);
        VerifyLoads(2);
    }

    [Fact]
    public async Task Get_PastTheBound_WaitsForTheCheck()
    {
        var cache = NewCache();
        await cache.GetAsync(Tenant, default);
        _storedVersion = 2;
        _time.Advance(TimeSpan.FromSeconds(5));

        var entry = await cache.GetAsync(Tenant, default);

        Assert.Equal(2, entry.Version);
        Assert.Equal("r2", Assert.Single(entry.Rules.Rules).Id);
    }

    [Fact]
    public async Task Get_UnchangedVersion_ConfirmsWithoutReloading()
    {
        var cache = NewCache();
        var loaded = await cache.GetAsync(Tenant, default);
        _time.Advance(TimeSpan.FromSeconds(6));

        Assert.Same(loaded, await cache.GetAsync(Tenant, default));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Same(loaded, await cache.GetAsync(Tenant, default));

        VerifyVersionReads(1);
        VerifyLoads(1);
    }

    [Fact]
    public async Task Invalidate_AfterALocalChange_NextGetLoadsAtOnce()
    {
        var cache = NewCache();
        await cache.GetAsync(Tenant, default);
        _storedVersion = 2;

        cache.Invalidate(Tenant);

        Assert.Equal(2, (await cache.GetAsync(Tenant, default)).Version);
        VerifyVersionReads(0);
    }

    [Fact]
    public async Task Invalidate_DuringALoad_ResultIsCheckedBeforeUse()
    {
        var release = new TaskCompletionSource();
        _repository.Setup(r => r.LoadAsync(Tenant, It.IsAny<CancellationToken>())).Returns(async () =>
        {
            var version = _storedVersion;
            await release.Task;
            return (new RuleSetVersion(version, 1, 1, new ETag("x")), Rules(version));
        });
        var cache = NewCache();
        var loading = cache.GetAsync(Tenant, default).AsTask();

        // The load read version 1; the change to version 2 commits and invalidates while it is still running.
        _storedVersion = 2;
        cache.Invalidate(Tenant);
        release.SetResult();
        var raced = await loading;
        Assert.Equal(1, raced.Version);
        Assert.True(raced.MustRevalidate);

        var next = await cache.GetAsync(Tenant, default);

        Assert.Equal(2, next.Version);
    }

    [Fact]
    public async Task Get_ConcurrentFirstUses_ShareOneLoad()
    {
        var release = new TaskCompletionSource();
        _repository.Setup(r => r.LoadAsync(Tenant, It.IsAny<CancellationToken>())).Returns(async () =>
        {
            await release.Task;
            return (new RuleSetVersion(1, 1, 1, new ETag("x")), Rules(1));
        });
        var cache = NewCache();

        var waiting = Enumerable.Range(0, 20).Select(_ => cache.GetAsync(Tenant, default).AsTask()).ToArray();
        release.SetResult();
        var entries = await Task.WhenAll(waiting);

        Assert.All(entries, e => Assert.Same(entries[0], e));
        VerifyLoads(1);
    }

    [Fact]
    public async Task Get_CheckFails_LastKnownRulesKeepApplyingAndTheCheckIsRetriedLater()
    {
        var cache = NewCache();
        var loaded = await cache.GetAsync(Tenant, default);
        _repository.Setup(r => r.GetVersionAsync(Tenant, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(503, "unavailable"));
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Same(loaded, await cache.GetAsync(Tenant, default));
        Assert.Same(loaded, await cache.GetAsync(Tenant, default));
        VerifyVersionReads(1);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(loaded, await cache.GetAsync(Tenant, default));
        VerifyVersionReads(2);
    }

    [Fact]
    public async Task Get_FirstLoadFails_Throws()
    {
        _repository.Setup(r => r.LoadAsync(Tenant, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(503, "unavailable"));

        await Assert.ThrowsAsync<RequestFailedException>(() => NewCache().GetAsync(Tenant, default).AsTask());
    }

    [Fact]
    public async Task EvictIdle_UnusedEntry_DroppedAndHandedOverAsRetired()
    {
        var cache = NewCache();
        var loaded = await cache.GetAsync(Tenant, default);
        _time.Advance(TimeSpan.FromMinutes(11));

        cache.EvictIdle(_time.GetTimestamp() - TimeSpan.FromMinutes(10).Ticks);

        Assert.Null(cache.Peek(Tenant));
        Assert.Same(loaded, Assert.Single(cache.TakeRetired()));
    }
}
