using RiskFunctions.Storage.Actions;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Actions;

/// <summary>What training reads: each tenant's labeled actions with their feature vectors, however the label reached the row.</summary>
public sealed class LabeledActionQueryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const int Schema = 3;
    private static readonly ActionLabelMark Fraud = new("label-1", "ConfirmedFraud", StoredActions.At.AddDays(1));

    private ActionRepository _actions = null!;
    private ActionLabelMarker _marker = null!;

    public async Task InitializeAsync()
    {
        var tables = await RiskTablesFixture.CreateAsync(azurite);
        _actions = new ActionRepository(tables);
        _marker = new ActionLabelMarker(tables, _actions, parallelism: 4, readParallelism: 8);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TryAdd_FeatureVectorAndModel_RoundTripOnTheRow()
    {
        var action = WithVector(StoredActions.Create("tenant-" + Guid.NewGuid().ToString("N")), 1.5f);

        await _actions.TryAddAsync(action);

        var stored = (await _actions.GetAsync(action.TenantId, action.ActionToken))!;
        Assert.Equal([1.5f, -1f, float.Epsilon], stored.Features!);
        Assert.Equal(Schema, stored.FeatureSchema);
        Assert.Equal("v20260101000000", stored.Model);
    }

    [Fact]
    public async Task QueryLabeled_OwnMarkSubjectSlotAndApplyLabel_ReadsEachLabeledActionOfTheTenantOnly()
    {
        var tenant = "tenant-" + Guid.NewGuid().ToString("N");
        var marked = await AddAsync(tenant, 1f);
        var slotted = await AddAsync(tenant, 2f);
        var applied = await AddAsync(tenant, 3f);
        await AddAsync(tenant, 4f);
        var otherSchema = await AddAsync(tenant, 5f, schema: Schema + 1);
        var otherTenant = await AddAsync(tenant + "x", 6f);
        await _marker.MarkAsync(tenant, [marked.ActionToken, otherSchema.ActionToken], Fraud);
        await _marker.MarkSubjectAsync(tenant, new ActionSubject(ActionSubjectKind.UserId, "user-1"), [slotted.ActionToken], Fraud);
        await _actions.ApplyLabelAsync(tenant, applied.ActionToken, Fraud);
        await _marker.MarkAsync(tenant + "x", [otherTenant.ActionToken], Fraud);

        var read = await ReadAsync(tenant, max: 100);

        Assert.Equal([1f, 2f, 3f], read.Select(action => action.Features![0]).Order());
        Assert.All(read, action => Assert.Equal(("label-1", "ConfirmedFraud"), (action.LabelId, action.LabelType)));
    }

    [Fact]
    public async Task QueryLabeled_MoreThanTheCap_ReadsTheCap()
    {
        var tenant = "tenant-" + Guid.NewGuid().ToString("N");
        var tokens = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            tokens.Add((await AddAsync(tenant, i)).ActionToken);
        }

        await _marker.MarkAsync(tenant, tokens, Fraud);

        Assert.Equal(5, (await ReadAsync(tenant, max: 5)).Count);
        Assert.Equal(7, (await ReadAsync(tenant, max: 50)).Count);
    }

    private async Task<List<StoredAction>> ReadAsync(string tenant, int max)
    {
        var read = new List<StoredAction>();
        await foreach (var action in _actions.QueryLabeledAsync(tenant, Schema, max))
        {
            read.Add(action);
        }

        return read;
    }

    private async Task<StoredAction> AddAsync(string tenant, float first, int schema = Schema)
    {
        var action = WithVector(StoredActions.Create(tenant), first) with { FeatureSchema = schema };
        Assert.True(await _actions.TryAddAsync(action));
        return action;
    }

    private static StoredAction WithVector(StoredAction action, float first) =>
        action with { Features = [first, -1f, float.Epsilon], FeatureSchema = Schema, Model = "v20260101000000" };
}
