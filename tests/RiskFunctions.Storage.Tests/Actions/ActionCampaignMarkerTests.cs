using RiskFunctions.Domain.Campaigns;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Actions;

public sealed class ActionCampaignMarkerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Campaign = "camp_0123456789abcdef01234567";
    private const string Later = "camp_89abcdef0123456789abcdef";

    private ActionRepository _actions = null!;
    private ActionCampaignMarker _marker = null!;

    public async Task InitializeAsync()
    {
        var tables = await RiskTablesFixture.CreateAsync(azurite);
        _actions = new ActionRepository(tables);
        _marker = new ActionCampaignMarker(tables, parallelism: 4);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Assign_MoreActionsInOnePartitionThanOneTransactionHolds_RecordsTheCampaignOnEachAndKeepsTheRow()
    {
        var tenant = NewTenant();
        var crowded = await AddAsync(tenant, ActionCampaignMarker.BatchSize + 30, prefix: "cd");
        var spread = await AddAsync(tenant, 40);
        var untouched = await AddAsync(tenant, 1);

        var assigned = await _marker.AssignAsync(tenant, Campaign, CampaignKind.CredentialStuffing, [.. crowded, .. spread]);

        Assert.Equal(crowded.Concat(spread).Order(StringComparer.Ordinal), assigned.Order(StringComparer.Ordinal));
        foreach (var token in crowded.Concat(spread))
        {
            var action = (await _actions.GetAsync(tenant, token))!;
            Assert.Equal((Campaign, CampaignKind.CredentialStuffing), (action.CampaignId, action.CampaignKind));
            Assert.Equal(("login", "ALLOW", "user-1"), (action.ActionType, action.Recommendation, action.UserId));
            var recommendation = (await _actions.GetRecommendationAsync(tenant, token))!;
            Assert.Equal((Campaign, CampaignKind.CredentialStuffing), (recommendation.CampaignId, recommendation.CampaignKind));
            Assert.Equal(StoredActions.Create().RecommendationDocument.ToArray(), recommendation.Document);
        }

        var other = (await _actions.GetRecommendationAsync(tenant, untouched[0]))!;
        Assert.Equal((null, null), (other.CampaignId, other.CampaignKind));
        Assert.Null((await _actions.GetAsync(tenant, untouched[0]))!.CampaignId);
    }

    [Fact]
    public async Task Assign_SomeTokensNeverStored_CreatesNoRowAndReportsOnlyTheStoredOnes()
    {
        var tenant = NewTenant();
        var stored = await AddAsync(tenant, 3, prefix: "ef");
        var missing = "ef" + StoredActions.NewToken()[2..];

        var assigned = await _marker.AssignAsync(tenant, Campaign, CampaignKind.BotRegistration, [.. stored, missing]);

        Assert.Equal(stored, assigned.Order(StringComparer.Ordinal));
        Assert.Null(await _actions.GetAsync(tenant, missing));
        Assert.Equal(CampaignKind.BotRegistration, (await _actions.GetAsync(tenant, stored[0]))!.CampaignKind);
    }

    [Fact]
    public async Task Assign_RepeatedThenReassigned_KeepsTheNewestAndAReplaceKeepsIt()
    {
        var tenant = NewTenant();
        var token = (await AddAsync(tenant, 1))[0];
        await _marker.AssignAsync(tenant, Campaign, CampaignKind.CardTesting, [token]);
        await _marker.AssignAsync(tenant, Campaign, CampaignKind.CardTesting, [token]);
        Assert.Equal(Campaign, (await _actions.GetAsync(tenant, token))!.CampaignId);

        await _marker.AssignAsync(tenant, Later, CampaignKind.CredentialStuffing, [token]);
        var read = (await _actions.GetAsync(tenant, token))!;
        Assert.True(await _actions.TryReplaceAsync(read with { Result = "failure" }));

        var after = (await _actions.GetAsync(tenant, token))!;
        Assert.Equal(("failure", Later, CampaignKind.CredentialStuffing), (after.Result, after.CampaignId, after.CampaignKind));
    }

    [Fact]
    public async Task Assign_AfterTheActionWasRead_TheStaleReplaceFailsInsteadOfDroppingIt()
    {
        var tenant = NewTenant();
        var token = (await AddAsync(tenant, 1))[0];
        var stale = (await _actions.GetAsync(tenant, token))!;

        await _marker.AssignAsync(tenant, Campaign, CampaignKind.CredentialStuffing, [token]);

        Assert.False(await _actions.TryReplaceAsync(stale with { Result = "failure" }));
        Assert.Equal(Campaign, (await _actions.GetAsync(tenant, token))!.CampaignId);
    }

    private static string NewTenant() => "campaign-" + Guid.NewGuid().ToString("N")[..12];

    private Task<string[]> AddAsync(string tenant, int count, string? prefix = null) => StoredActions.AddManyAsync(_actions, tenant, count, prefix);
}
