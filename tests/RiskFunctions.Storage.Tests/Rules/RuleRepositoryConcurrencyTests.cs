using RiskFunctions.Storage.Rules;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.Azurite;
using static RiskFunctions.Testing.Rules.RuleDrafts;

namespace RiskFunctions.Storage.Tests.Rules;

/// <summary>Uniqueness of names and priorities when many writers race, against the real table service.</summary>
public sealed class RuleRepositoryConcurrencyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const int Writers = 50;

    private readonly RiskTables _tables = new(azurite.CreateServiceClient(), azurite.TablePrefix);

    private RuleRepository Repository => new(_tables, TimeProvider.System);

    private static string NewTenant() => "tenant-" + Guid.NewGuid().ToString("N");

    public Task InitializeAsync() => _tables.EnsureCreatedAsync(StorageTables.All);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Create_ManyWritersOnePriority_ExactlyOneWins()
    {
        var tenant = NewTenant();

        var results = await RaceAsync(i => Repository.CreateAsync(tenant, Draft(42, "writer " + i)));

        Assert.Single(results, r => r.Status == RuleWriteStatus.Succeeded);
        Assert.Equal(Writers - 1, results.Count(r => r.Status == RuleWriteStatus.PriorityTaken));
        var rows = await RuleRows.RowKeysAsync(_tables, tenant);
        Assert.Single(rows, k => k.StartsWith("rule|", StringComparison.Ordinal));
        Assert.Equal(["priority|0042"], rows.Where(k => k.StartsWith("priority|", StringComparison.Ordinal)));
        Assert.Single(rows, k => k.StartsWith("name|", StringComparison.Ordinal));
        Assert.Equal(1, (await Repository.GetVersionAsync(tenant)).RuleCount);
    }

    [Fact]
    public async Task Create_ManyWritersOneName_ExactlyOneWins()
    {
        var tenant = NewTenant();

        var results = await RaceAsync(i => Repository.CreateAsync(tenant, Draft(i + 1, "the same name")));

        Assert.Single(results, r => r.Status == RuleWriteStatus.Succeeded);
        Assert.Equal(Writers - 1, results.Count(r => r.Status == RuleWriteStatus.NameTaken));
        var rows = await RuleRows.RowKeysAsync(_tables, tenant);
        Assert.Single(rows, k => k.StartsWith("rule|", StringComparison.Ordinal));
        Assert.Equal(["name|THE SAME NAME"], rows.Where(k => k.StartsWith("name|", StringComparison.Ordinal)));
        Assert.Single(rows, k => k.StartsWith("priority|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_ManyWritersDistinctRules_AllStoredWithConsistentCounts()
    {
        var tenant = NewTenant();

        // Different priorities and names only race on the version row: every writer must get through.
        var results = await RaceAsync(i => Repository.CreateAsync(tenant, Draft(i + 1, "rule " + i)), writers: 20);

        Assert.All(results, r => Assert.Equal(RuleWriteStatus.Succeeded, r.Status));
        var version = await Repository.GetVersionAsync(tenant);
        Assert.Equal(20, version.Version);
        Assert.Equal(20, version.RuleCount);
        Assert.Equal(20, (await Repository.ListAsync(tenant)).Count);
    }

    [Fact]
    public async Task Update_ManyRulesToOnePriority_ExactlyOneWins()
    {
        var tenant = NewTenant();
        var ids = await CreateRulesAsync(tenant);

        var results = await RaceAsync(i => Repository.UpdateAsync(tenant, ids[i], Draft(500, "rule " + i)));

        Assert.Single(results, r => r.Status == RuleWriteStatus.Succeeded);
        Assert.Equal(Writers - 1, results.Count(r => r.Status == RuleWriteStatus.PriorityTaken));
        var rules = await Repository.ListAsync(tenant);
        Assert.Single(rules, r => r.Rule.Priority == 500);
        await AssertReservationsMatchRulesAsync(tenant);
    }

    [Fact]
    public async Task Update_ManyRulesToOneName_ExactlyOneWins()
    {
        var tenant = NewTenant();
        var ids = await CreateRulesAsync(tenant);

        var results = await RaceAsync(i => Repository.UpdateAsync(tenant, ids[i], Draft(i + 1, "wanted by all")));

        Assert.Single(results, r => r.Status == RuleWriteStatus.Succeeded);
        Assert.Equal(Writers - 1, results.Count(r => r.Status == RuleWriteStatus.NameTaken));
        Assert.Single(await Repository.ListAsync(tenant), r => r.Rule.Name == "wanted by all");
        await AssertReservationsMatchRulesAsync(tenant);
    }

    [Fact]
    public async Task Update_OneRuleByManyWriters_ReservationsFollowTheLastWrite()
    {
        var tenant = NewTenant();
        var created = await Repository.CreateAsync(tenant, Draft(1, "contested"));

        var results = await RaceAsync(i => Repository.UpdateAsync(tenant, created.RuleId!, Draft(100 + i, "contested " + i)), writers: 8);

        Assert.All(results, r => Assert.Equal(RuleWriteStatus.Succeeded, r.Status));
        await AssertReservationsMatchRulesAsync(tenant);
        Assert.Equal(9, (await Repository.GetVersionAsync(tenant)).Version);
    }

    [Fact]
    public async Task Update_ManyWritersConditionalOnOneRevision_ExactlyOneWinsTheOthersSeeTheNewRevision()
    {
        var tenant = NewTenant();
        var created = await Repository.CreateAsync(tenant, Draft(1, "edited by all"));

        // Each writer read revision 1 and wants to replace it; a check made apart from the write would let them all through.
        var results = await RaceAsync(
            i => Repository.UpdateAsync(tenant, created.RuleId!, Draft(100 + i, "edit " + i), RuleRevisionCondition.At(1)), writers: 8);

        var winner = Assert.Single(results, r => r.Status == RuleWriteStatus.Succeeded);
        Assert.Equal(2, winner.Revision);
        Assert.All(results.Where(r => r != winner), r => Assert.Equal((RuleWriteStatus.RevisionMismatch, 2L), (r.Status, r.Revision)));
        var stored = (await Repository.GetAsync(tenant, created.RuleId!))!;
        Assert.Equal(2, stored.Rule.Revision);
        Assert.Equal(2, (await Repository.GetVersionAsync(tenant)).Version);
        await AssertReservationsMatchRulesAsync(tenant);
    }

    private static async Task<RuleWriteResult[]> RaceAsync(Func<int, Task<RuleWriteResult>> write, int writers = Writers)
    {
        // Every writer waits at the same gate, so their requests leave together once it opens.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, writers)
            .Select(async i =>
            {
                await gate.Task;
                return await write(i);
            })
            .ToArray();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }

    private async Task<string[]> CreateRulesAsync(string tenant)
    {
        var ids = new string[Writers];
        for (var i = 0; i < Writers; i++)
        {
            ids[i] = (await Repository.CreateAsync(tenant, Draft(i + 1, "rule " + i))).RuleId!;
        }

        return ids;
    }

    /// <summary>Exactly one name and one priority reservation per rule, each pointing at its rule, and no others.</summary>
    private async Task AssertReservationsMatchRulesAsync(string tenant)
    {
        var rules = await Repository.ListAsync(tenant);
        var reservations = (await RuleRows.ReadAsync(_tables, tenant))
            .Where(row => row.GetString("RuleId") is not null)
            .ToDictionary(row => row.RowKey, row => row.GetString("RuleId")!, StringComparer.Ordinal);

        var expected = rules
            .SelectMany(r => new[]
            {
                KeyValuePair.Create("name|" + TableKeyEncoder.Encode(r.Rule.Name.ToUpperInvariant()), r.Rule.Id),
                KeyValuePair.Create("priority|" + r.Rule.Priority.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), r.Rule.Id),
            })
            .ToDictionary(StringComparer.Ordinal);
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), reservations.OrderBy(p => p.Key, StringComparer.Ordinal));
    }
}
