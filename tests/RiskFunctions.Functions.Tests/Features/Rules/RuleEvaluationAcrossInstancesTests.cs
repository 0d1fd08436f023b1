using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskFunctions.Domain.Contract.Rules;
using RiskFunctions.Domain.Enrichment.IpIntelligence;
using RiskFunctions.Domain.Rules.Engine;
using RiskFunctions.Domain.Rules.Model;
using RiskFunctions.Domain.Rules.Requests;
using RiskFunctions.Functions.Features.Rules;
using RiskFunctions.Functions.Features.Rules.Evaluation;
using RiskFunctions.Storage;
using RiskFunctions.Storage.Rules;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Rules;
using RiskFunctions.Testing.Storage;
using RiskFunctions.Testing.Time;

namespace RiskFunctions.Functions.Tests.Features.Rules;

/// <summary>
/// Two instances (each its own cache, evaluator and hit flusher) over one real table set: changes made on one
/// reach the other within the staleness bound, and hit counts from both add up.
/// </summary>
public sealed class RuleEvaluationAcrossInstancesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new();
    private readonly RiskTables _tables = new(azurite.CreateServiceClient(), azurite.TablePrefix);
    private readonly string _tenant = "tenant-" + Guid.NewGuid().ToString("N");

    private RuleRepository Repository => new(_tables, _time);

    private static RuleDraft Draft(int priority, string userId, RuleMode mode = RuleMode.Production) =>
        RuleDrafts.Draft(priority, kind: MatcherKind.UserIds, values: [userId], mode: mode, recommendation: RuleRecommendationType.Challenge);

    private Instance NewInstance() => new(_tables, _time);

    /// <summary>An instance whose storage client runs <paramref name="policy"/> on every request.</summary>
    private Instance NewInstance(HttpPipelinePolicy policy)
    {
        var options = new TableClientOptions();
        options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        return new(new RiskTables(azurite.CreateServiceClient(options), azurite.TablePrefix), _time);
    }

    public Task InitializeAsync() => _tables.EnsureCreatedAsync(StorageTables.All);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Evaluate_ChangeOnAnotherInstance_VisibleThereAtOnceAndHereWithinTheBound()
    {
        var writer = NewInstance();
        var reader = NewInstance();
        var created = await Repository.CreateAsync(_tenant, Draft(1, "alice"));
        Assert.NotNull((await reader.Evaluator.EvaluateAsync(_tenant, new RuleFacts { UserId = "alice" })).Production);

        await Repository.UpdateAsync(_tenant, created.RuleId!, Draft(1, "bob"));
        writer.Cache.Invalidate(_tenant);

        Assert.NotNull((await writer.Evaluator.EvaluateAsync(_tenant, new RuleFacts { UserId = "bob" })).Production);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.NotNull((await reader.Evaluator.EvaluateAsync(_tenant, new RuleFacts { UserId = "alice" })).Production);
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Null((await reader.Evaluator.EvaluateAsync(_tenant, new RuleFacts { UserId = "alice" })).Production);
        Assert.NotNull((await reader.Evaluator.EvaluateAsync(_tenant, new RuleFacts { UserId = "bob" })).Production);
    }

    [Fact]
    public async Task Flush_HitsOnTwoInstances_AddUpInTheStore()
    {
        var created = await Repository.CreateAsync(_tenant, Draft(1, "alice", RuleMode.Preview));
        await Repository.CreateAsync(_tenant, Draft(2, "alice"));
        var first = NewInstance();
        var second = NewInstance();

        for (var i = 0; i < 7; i++)
        {
            var evaluation = await EvaluateAndCountAsync(first, new RuleFacts { UserId = "alice" });
            Assert.Equal(created.RuleId, evaluation.Preview?.Id);
        }

        for (var i = 0; i < 5; i++)
        {
            await EvaluateAndCountAsync(second, new RuleFacts { UserId = "alice" });
        }

        // Evaluated for a request whose action was not stored: not counted.
        await first.Evaluator.EvaluateAsync(_tenant, new RuleFacts { UserId = "alice" });

        await Task.WhenAll(first.Flusher.FlushAsync(default), second.Flusher.FlushAsync(default));
        await first.Flusher.FlushAsync(default);

        var counts = await new RuleHitStore(_tables).GetAsync(_tenant, created.RuleId!);
        Assert.NotNull(counts);
        Assert.Equal(12, counts.PreviewHits);
        Assert.Equal(0, counts.ProductionHits);
        Assert.Equal(_time.GetUtcNow(), counts.LastHitAt);
    }

    /// <summary>
    /// A flush is applied but its answer lost, and more hits come before the next flush: the uncertain batch is sent
    /// again as it was (and recognized), the later hits as a batch of their own, so every hit counts once.
    /// </summary>
    [Fact]
    public async Task Flush_AfterAFlushWhoseAnswerWasLost_CountsEveryHitOnce()
    {
        var created = await Repository.CreateAsync(_tenant, Draft(1, "alice"));
        var lost = new AnswerLostAfterRequest(AnswerLostAfterRequest.WritesTo(RuleHitStore.TableName));
        var instance = NewInstance(lost);
        await EvaluateAndCountAsync(instance, new RuleFacts { UserId = "alice" });
        await instance.Flusher.FlushAsync(default);

        await EvaluateAndCountAsync(instance, new RuleFacts { UserId = "alice" });
        await EvaluateAndCountAsync(instance, new RuleFacts { UserId = "alice" });
        await instance.Flusher.FlushAsync(default);

        Assert.True(lost.Lost);
        Assert.Equal(3, (await new RuleHitStore(_tables).GetAsync(_tenant, created.RuleId!))!.ProductionHits);
    }

    [Fact]
    public async Task FlushTenant_HitsOfTwoTenants_StoresOnlyThatTenantsUntilTheNextRound()
    {
        var other = "tenant-" + Guid.NewGuid().ToString("N");
        var mine = await Repository.CreateAsync(_tenant, Draft(1, "alice"));
        var theirs = await Repository.CreateAsync(other, Draft(1, "alice"));
        var instance = NewInstance();
        await EvaluateAndCountAsync(instance, new RuleFacts { UserId = "alice" });
        instance.Evaluator.CountHits(other, await instance.Evaluator.EvaluateAsync(other, new RuleFacts { UserId = "alice" }));
        var store = new RuleHitStore(_tables);

        await instance.Flusher.FlushTenantAsync(_tenant, default);
        var beforeTheRound = await store.GetAsync(other, theirs.RuleId!);
        await instance.Flusher.FlushAsync(default);

        Assert.Equal(1, (await store.GetAsync(_tenant, mine.RuleId!))!.ProductionHits);
        Assert.Null(beforeTheRound);
        Assert.Equal(1, (await store.GetAsync(other, theirs.RuleId!))!.ProductionHits);
    }

    [Fact]
    public async Task Flush_ActionStoredAfterAnotherRuleChanged_CountsItsUnchangedRule()
    {
        var created = await Repository.CreateAsync(_tenant, Draft(1, "alice"));
        var instance = NewInstance();
        var evaluated = await instance.Evaluator.EvaluateAsync(_tenant, new RuleFacts { UserId = "alice" });

        // Another rule is created while the action is being stored: the tenant's rules are compiled again.
        await Repository.CreateAsync(_tenant, Draft(2, "bob"));
        instance.Cache.Invalidate(_tenant);
        await instance.Evaluator.EvaluateAsync(_tenant, new RuleFacts { UserId = "carol" });
        instance.Evaluator.CountHits(_tenant, evaluated);
        await instance.Flusher.FlushAsync(default);

        Assert.Equal(1, (await new RuleHitStore(_tables).GetAsync(_tenant, created.RuleId!))!.ProductionHits);
    }

    [Fact]
    public async Task Flush_AfterTheRuleChanged_CountsStartAgainForTheNewRevision()
    {
        var created = await Repository.CreateAsync(_tenant, Draft(1, "alice"));
        var instance = NewInstance();
        await EvaluateAndCountAsync(instance, new RuleFacts { UserId = "alice" });
        await instance.Flusher.FlushAsync(default);
        var againstTheOldRevision = await instance.Evaluator.EvaluateAsync(_tenant, new RuleFacts { UserId = "alice" });

        await Repository.UpdateAsync(_tenant, created.RuleId!, Draft(1, "bob"));
        instance.Cache.Invalidate(_tenant);
        await EvaluateAndCountAsync(instance, new RuleFacts { UserId = "bob" });
        await EvaluateAndCountAsync(instance, new RuleFacts { UserId = "bob" });

        // An action evaluated before the change and stored after it: its hit belongs to the old revision, not counted.
        instance.Evaluator.CountHits(_tenant, againstTheOldRevision);
        await instance.Flusher.FlushAsync(default);

        var counts = await new RuleHitStore(_tables).GetAsync(_tenant, created.RuleId!);
        Assert.Equal(2, counts!.Revision);
        Assert.Equal(2, counts.ProductionHits);
    }

    [Fact]
    public async Task Evaluate_FreshCachedRules_AllocatesNothing()
    {
        await Repository.CreateAsync(_tenant, Draft(1, "alice"));
        var instance = NewInstance();
        IpAddressValue.TryParse("203.0.113.9", out var ip);
        var facts = new RuleFacts { UserId = "alice", Ip = ip, CountryCode = "US", BrowserName = "Chrome" };
        await instance.Evaluator.EvaluateAsync(_tenant, facts);
        for (var i = 0; i < 100; i++)
        {
            await instance.Evaluator.EvaluateAsync(_tenant, facts);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            var pending = instance.Evaluator.EvaluateAsync(_tenant, facts);
            Assert.True(pending.IsCompletedSuccessfully);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private async Task<RuleEvaluation> EvaluateAndCountAsync(Instance instance, RuleFacts facts)
    {
        var evaluation = await instance.Evaluator.EvaluateAsync(_tenant, facts);
        instance.Evaluator.CountHits(_tenant, evaluation);
        return evaluation;
    }

    /// <summary>What one handler instance holds for rules.</summary>
    private sealed class Instance
    {
        public Instance(RiskTables tables, ManualTimeProvider time)
        {
            var options = Options.Create(new RulesOptions());
            Cache = new RuleSetCache(new RuleRepository(tables, time), time, options, new OutageLogThrottle(time), NullLogger<RuleSetCache>.Instance);
            Evaluator = new RuleEvaluator(Cache, time);
            Flusher = new RuleHitFlusher(Cache, new RuleHitStore(tables), time, options, NullLogger<RuleHitFlusher>.Instance);
        }

        public RuleSetCache Cache { get; }

        public IRuleEvaluator Evaluator { get; }

        public RuleHitFlusher Flusher { get; }
    }
}
