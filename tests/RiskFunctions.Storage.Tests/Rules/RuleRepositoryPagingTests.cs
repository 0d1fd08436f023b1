using RiskFunctions.Storage.Rules;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Time;
using static RiskFunctions.Testing.Rules.RuleDrafts;

namespace RiskFunctions.Storage.Tests.Rules;

public sealed class RuleRepositoryPagingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new();
    private readonly RiskTables _tables = new(azurite.CreateServiceClient(), azurite.TablePrefix);

    private RuleRepository Repository => new(_tables, _time);

    private static string NewTenant() => "tenant/" + Guid.NewGuid().ToString("N");

    public Task InitializeAsync() => _tables.EnsureCreatedAsync(StorageTables.All);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Dictionary<int, string>> CreateAsync(string tenant, params int[] priorities)
    {
        var ids = new Dictionary<int, string>();
        foreach (var priority in priorities)
        {
            ids[priority] = (await Repository.CreateAsync(tenant, Draft(priority, "rule " + priority, values: ["u" + priority]))).RuleId!;
        }

        return ids;
    }

    [Fact]
    public async Task ListPage_Walk_GivesEveryRuleOnceByPriorityAndEndsWithoutCursor()
    {
        var tenant = NewTenant();
        await CreateAsync(tenant, 30, 2, 1000, 15, 1);

        var first = await Repository.ListPageAsync(tenant, 2, after: null);
        var second = await Repository.ListPageAsync(tenant, 2, first.Continuation);
        var third = await Repository.ListPageAsync(tenant, 2, second.Continuation);

        Assert.Equal([1, 2], first.Rules.Select(r => r.Rule.Priority));
        Assert.Equal("0002", first.Continuation);
        Assert.Equal([15, 30], second.Rules.Select(r => r.Rule.Priority));
        Assert.Equal([1000], third.Rules.Select(r => r.Rule.Priority));
        Assert.Null(third.Continuation);
    }

    [Fact]
    public async Task ListPage_PageEndsAtTheLastRule_NoCursor()
    {
        var tenant = NewTenant();
        await CreateAsync(tenant, 5, 6);

        var page = await Repository.ListPageAsync(tenant, 2, after: null);

        Assert.Equal([5, 6], page.Rules.Select(r => r.Rule.Priority));
        Assert.Null(page.Continuation);
    }

    [Fact]
    public async Task ListPage_NoRules_EmptyWithoutCursor()
    {
        var page = await Repository.ListPageAsync(NewTenant(), 10, after: null);

        Assert.Empty(page.Rules);
        Assert.Null(page.Continuation);
    }

    [Fact]
    public async Task ListPage_CursorRuleDeletedBetweenPages_NextPageNeitherSkipsNorRepeats()
    {
        var tenant = NewTenant();
        var ids = await CreateAsync(tenant, 1, 2, 3, 4);
        var first = await Repository.ListPageAsync(tenant, 2, after: null);

        await Repository.DeleteAsync(tenant, ids[2]);
        var second = await Repository.ListPageAsync(tenant, 2, first.Continuation);

        Assert.Equal([ids[3], ids[4]], second.Rules.Select(r => r.Rule.Id));
    }

    [Fact]
    public async Task ListPage_CursorOfAnotherTenant_PositionsOnlyWithinTheCallersRules()
    {
        var owner = NewTenant();
        await CreateAsync(owner, 1, 2, 3);
        var stranger = NewTenant();
        var strangers = await CreateAsync(stranger, 1, 2, 9);
        var ownerCursor = (await Repository.ListPageAsync(owner, 1, after: null)).Continuation;

        var page = await Repository.ListPageAsync(stranger, 10, ownerCursor);

        Assert.Equal([strangers[2], strangers[9]], page.Rules.Select(r => r.Rule.Id));
    }

    [Theory]
    [InlineData("0001", true)]
    [InlineData("1000", true)]
    [InlineData("0000", false)]
    [InlineData("1001", false)]
    [InlineData("1", false)]
    [InlineData("00001", false)]
    [InlineData("+001", false)]
    [InlineData("", false)]
    [InlineData("rule|0001", false)]
    public void IsPageCursor_RecognizesOnlyPrioritiesAsKeyed(string cursor, bool expected) =>
        Assert.Equal(expected, RuleRepository.IsPageCursor(cursor));
}
