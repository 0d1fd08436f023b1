using RiskFunctions.Domain.Contract.Rules;
using RiskFunctions.Domain.Rules.Model;
using RiskFunctions.Storage.Rules;
using RiskFunctions.Testing.Azurite;
using RiskFunctions.Testing.Time;
using static RiskFunctions.Testing.Rules.RuleDrafts;

namespace RiskFunctions.Storage.Tests.Rules;

public sealed class RuleRepositoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new();
    private readonly RiskTables _tables = new(azurite.CreateServiceClient(), azurite.TablePrefix);

    private RuleRepository Repository => new(_tables, _time);

    private static string NewTenant() => "tenant/" + Guid.NewGuid().ToString("N");

    public Task InitializeAsync() => _tables.EnsureCreatedAsync(StorageTables.All);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Create_NewRule_StoredWithReservationsAndVersion()
    {
        var tenant = NewTenant();

        var result = await Repository.CreateAsync(tenant, Draft(10, "Block bad users", values: ["u1", "u2"]));

        Assert.Equal(RuleWriteStatus.Succeeded, result.Status);
        Assert.Matches("^[0-9a-f]{32}$", result.RuleId);
        Assert.Equal(1, result.Version);
        var stored = await Repository.GetAsync(tenant, result.RuleId!);
        Assert.NotNull(stored);
        Assert.Equal("Block bad users", stored.Rule.Name);
        Assert.Equal(10, stored.Rule.Priority);
        Assert.Equal(["u1", "u2"], stored.Rule.Matcher.Values);
        Assert.Equal(1, stored.Rule.Revision);
        Assert.Equal(_time.GetUtcNow(), stored.CreatedAt);
        var rows = await RuleRows.RowKeysAsync(_tables, tenant);
        Assert.Equal(["name|BLOCK BAD USERS", "priority|0010", "rule|" + result.RuleId, "version"], rows);
        Assert.Equal(new RuleSetVersion(1, 1, 2, default), (await Repository.GetVersionAsync(tenant)) with { ETag = default });
    }

    [Fact]
    public async Task Create_WithoutName_NameGeneratedFromId()
    {
        var tenant = NewTenant();

        var result = await Repository.CreateAsync(tenant, Draft(1));

        Assert.Equal("rule-" + result.RuleId, (await Repository.GetAsync(tenant, result.RuleId!))!.Rule.Name);
    }

    [Fact]
    public async Task Create_TakenPriority_ReportsHolderAndStoresNothing()
    {
        var tenant = NewTenant();
        var first = await Repository.CreateAsync(tenant, Draft(5, "first"));

        var second = await Repository.CreateAsync(tenant, Draft(5, "second"));

        Assert.Equal(RuleWriteStatus.PriorityTaken, second.Status);
        Assert.Equal(first.RuleId, second.ConflictingRuleId);
        Assert.Single(await Repository.ListAsync(tenant));
        Assert.Equal(1, (await Repository.GetVersionAsync(tenant)).Version);
    }

    [Fact]
    public async Task Create_TakenNameInOtherCase_ReportsNameTaken()
    {
        var tenant = NewTenant();
        await Repository.CreateAsync(tenant, Draft(5, "Block Tor"));

        var second = await Repository.CreateAsync(tenant, Draft(6, "block tor"));

        Assert.Equal(RuleWriteStatus.NameTaken, second.Status);
        Assert.Single(await Repository.ListAsync(tenant));
    }

    [Fact]
    public async Task Create_TakenPriorityAndTakenName_ReportsBothHolders()
    {
        var tenant = NewTenant();
        var priorityHolder = await Repository.CreateAsync(tenant, Draft(5, "first"));
        var nameHolder = await Repository.CreateAsync(tenant, Draft(6, "second"));

        var third = await Repository.CreateAsync(tenant, Draft(5, "SECOND"));

        Assert.Equal(RuleWriteStatus.PriorityTaken, third.Status);
        Assert.Equal(
            [new RuleConflict(RuleWriteStatus.PriorityTaken, priorityHolder.RuleId), new RuleConflict(RuleWriteStatus.NameTaken, nameHolder.RuleId)],
            third.Conflicts);
        Assert.Equal(2, (await Repository.ListAsync(tenant)).Count);
    }

    [Fact]
    public async Task Create_SamePriorityInAnotherTenant_Succeeds()
    {
        await Repository.CreateAsync(NewTenant(), Draft(5, "shared name"));

        var other = await Repository.CreateAsync(NewTenant(), Draft(5, "shared name"));

        Assert.Equal(RuleWriteStatus.Succeeded, other.Status);
    }

    [Fact]
    public async Task Create_PastTenantValueLimit_Refused()
    {
        var tenant = NewTenant();
        var values = Enumerable.Range(0, RuleLimits.MaxValuesPerMatcher).Select(i => "u" + i).ToArray();
        for (var priority = 1; priority <= RuleLimits.MaxValuesPerTenant / RuleLimits.MaxValuesPerMatcher; priority++)
        {
            Assert.Equal(RuleWriteStatus.Succeeded, (await Repository.CreateAsync(tenant, Draft(priority, values: values))).Status);
        }

        var refused = await Repository.CreateAsync(tenant, Draft(999, values: ["one more"]));

        Assert.Equal(RuleWriteStatus.TenantLimitReached, refused.Status);
        Assert.Contains("50000", refused.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_LongNonAsciiValues_RoundTripAcrossChunks()
    {
        var tenant = NewTenant();
        var values = Enumerable.Range(0, RuleLimits.MaxValuesPerMatcher)
            .Select(i => i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + new string('é', 120) + "😀" + new string('x', 130))
            .ToArray();

        var result = await Repository.CreateAsync(tenant, Draft(1, values: values));

        Assert.Equal(RuleWriteStatus.Succeeded, result.Status);
        Assert.Equal(values, (await Repository.GetAsync(tenant, result.RuleId!))!.Rule.Matcher.Values);
    }

    [Fact]
    public async Task Update_NewPriorityAndName_MovesReservations()
    {
        var tenant = NewTenant();
        var created = await Repository.CreateAsync(tenant, Draft(5, "old name"));

        var updated = await Repository.UpdateAsync(tenant, created.RuleId!, Draft(7, "new name", mode: RuleMode.Preview));

        Assert.Equal(RuleWriteStatus.Succeeded, updated.Status);
        Assert.Equal(2, updated.Version);
        var stored = (await Repository.GetAsync(tenant, created.RuleId!))!;
        Assert.Equal(7, stored.Rule.Priority);
        Assert.Equal(RuleMode.Preview, stored.Rule.Mode);
        Assert.Equal(2, stored.Rule.Revision);
        Assert.Equal(["name|NEW NAME", "priority|0007", "rule|" + created.RuleId, "version"], await RuleRows.RowKeysAsync(_tables, tenant));
        Assert.Equal(RuleWriteStatus.Succeeded, (await Repository.CreateAsync(tenant, Draft(5, "old name"))).Status);
    }

    [Fact]
    public async Task Update_WithoutName_KeepsName()
    {
        var tenant = NewTenant();
        var created = await Repository.CreateAsync(tenant, Draft(5, "keep me"));

        await Repository.UpdateAsync(tenant, created.RuleId!, Draft(6));

        Assert.Equal("keep me", (await Repository.GetAsync(tenant, created.RuleId!))!.Rule.Name);
    }

    [Fact]
    public async Task Update_Unchanged_WritesNothing()
    {
        var tenant = NewTenant();
        var created = await Repository.CreateAsync(tenant, Draft(5, "same"));

        var updated = await Repository.UpdateAsync(tenant, created.RuleId!, Draft(5, "same"));

        Assert.Equal(RuleWriteStatus.Succeeded, updated.Status);
        Assert.Equal(1, (await Repository.GetVersionAsync(tenant)).Version);
        Assert.Equal(1, (await Repository.GetAsync(tenant, created.RuleId!))!.Rule.Revision);
    }

    [Fact]
    public async Task Update_ToTakenPriority_RefusedAndNothingChanges()
    {
        var tenant = NewTenant();
        var first = await Repository.CreateAsync(tenant, Draft(5, "a"));
        var second = await Repository.CreateAsync(tenant, Draft(6, "b"));

        var result = await Repository.UpdateAsync(tenant, second.RuleId!, Draft(5, "b2"));

        Assert.Equal(RuleWriteStatus.PriorityTaken, result.Status);
        Assert.Equal(first.RuleId, result.ConflictingRuleId);
        Assert.Equal("b", (await Repository.GetAsync(tenant, second.RuleId!))!.Rule.Name);
        Assert.Equal(["name|A", "name|B", "priority|0005", "priority|0006"], (await RuleRows.RowKeysAsync(_tables, tenant)).Where(k => !k.StartsWith("rule|", StringComparison.Ordinal) && k != "version"));
    }

    [Fact]
    public async Task Update_UnknownRule_NotFound()
    {
        Assert.Equal(RuleWriteStatus.NotFound, (await Repository.UpdateAsync(NewTenant(), Guid.NewGuid().ToString("N"), Draft(1))).Status);
    }

    [Fact]
    public async Task Delete_Rule_FreesNameAndPriority()
    {
        var tenant = NewTenant();
        var created = await Repository.CreateAsync(tenant, Draft(5, "gone"));

        var deleted = await Repository.DeleteAsync(tenant, created.RuleId!);

        Assert.Equal(RuleWriteStatus.Succeeded, deleted.Status);
        Assert.Equal(["version"], await RuleRows.RowKeysAsync(_tables, tenant));
        Assert.Equal(new RuleSetVersion(2, 0, 0, default), (await Repository.GetVersionAsync(tenant)) with { ETag = default });
        Assert.Equal(RuleWriteStatus.NotFound, (await Repository.DeleteAsync(tenant, created.RuleId!)).Status);
    }

    [Fact]
    public async Task Update_ConditionOnCurrentRevision_ChangesTheRuleAndReportsTheNewRevision()
    {
        var tenant = NewTenant();
        var created = await Repository.CreateAsync(tenant, Draft(5, "a"));

        var updated = await Repository.UpdateAsync(tenant, created.RuleId!, Draft(6, "a"), RuleRevisionCondition.At(created.Revision));

        Assert.Equal(1, created.Revision);
        Assert.Equal((RuleWriteStatus.Succeeded, 2L), (updated.Status, updated.Revision));
        Assert.Equal(6, (await Repository.GetAsync(tenant, created.RuleId!))!.Rule.Priority);
    }

    [Fact]
    public async Task Update_ConditionOnStaleRevision_RevisionMismatchAndNothingChanges()
    {
        var tenant = NewTenant();
        var created = await Repository.CreateAsync(tenant, Draft(5, "a"));
        await Repository.UpdateAsync(tenant, created.RuleId!, Draft(6, "a"));
        var rowsBefore = await RuleRows.ReadAsync(_tables, tenant);

        var stale = await Repository.UpdateAsync(tenant, created.RuleId!, Draft(7, "b"), RuleRevisionCondition.At(1));

        Assert.Equal((RuleWriteStatus.RevisionMismatch, 2L), (stale.Status, stale.Revision));
        var rowsAfter = await RuleRows.ReadAsync(_tables, tenant);
        Assert.Equal(rowsBefore.Select(r => (r.RowKey, r.ETag)), rowsAfter.Select(r => (r.RowKey, r.ETag)));
    }

    [Fact]
    public async Task Update_ConditionNamingNoRevision_RevisionMismatch()
    {
        var tenant = NewTenant();
        var created = await Repository.CreateAsync(tenant, Draft(5, "a"));

        var result = await Repository.UpdateAsync(tenant, created.RuleId!, Draft(6, "a"), new RuleRevisionCondition([]));

        Assert.Equal((RuleWriteStatus.RevisionMismatch, 1L), (result.Status, result.Revision));
        Assert.Equal(5, (await Repository.GetAsync(tenant, created.RuleId!))!.Rule.Priority);
    }

    [Fact]
    public async Task Update_ConditionOnUnknownRule_NotFound()
    {
        var result = await Repository.UpdateAsync(NewTenant(), Guid.NewGuid().ToString("N"), Draft(1), RuleRevisionCondition.At(1));

        Assert.Equal(RuleWriteStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task Delete_ConditionOnStaleRevision_RevisionMismatchAndTheRuleStays()
    {
        var tenant = NewTenant();
        var created = await Repository.CreateAsync(tenant, Draft(5, "kept"));
        await Repository.UpdateAsync(tenant, created.RuleId!, Draft(6, "kept"));

        var stale = await Repository.DeleteAsync(tenant, created.RuleId!, RuleRevisionCondition.At(1));

        Assert.Equal((RuleWriteStatus.RevisionMismatch, 2L), (stale.Status, stale.Revision));
        Assert.Equal(["name|KEPT", "priority|0006", "rule|" + created.RuleId, "version"], await RuleRows.RowKeysAsync(_tables, tenant));
        Assert.Equal(2, (await Repository.GetVersionAsync(tenant)).Version);
    }

    [Fact]
    public async Task Delete_ConditionOnCurrentRevision_Deletes()
    {
        var tenant = NewTenant();
        var created = await Repository.CreateAsync(tenant, Draft(5, "gone"));

        var deleted = await Repository.DeleteAsync(tenant, created.RuleId!, RuleRevisionCondition.At(1));

        Assert.Equal(RuleWriteStatus.Succeeded, deleted.Status);
        Assert.Equal(["version"], await RuleRows.RowKeysAsync(_tables, tenant));
    }

    [Fact]
    public async Task Get_OtherTenantsRule_IsNull()
    {
        var created = await Repository.CreateAsync(NewTenant(), Draft(5));

        Assert.Null(await Repository.GetAsync(NewTenant(), created.RuleId!));
    }

    [Fact]
    public async Task List_Rules_ByAscendingPriority()
    {
        var tenant = NewTenant();
        foreach (var priority in new[] { 30, 2, 1000, 15 })
        {
            await Repository.CreateAsync(tenant, Draft(priority));
        }

        Assert.Equal([2, 15, 30, 1000], (await Repository.ListAsync(tenant)).Select(r => r.Rule.Priority));
    }
}
