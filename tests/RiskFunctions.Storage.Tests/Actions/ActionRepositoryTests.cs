using System.Text;
using Azure.Core;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Actions;

public sealed class ActionRepositoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private ActionRepository _actions = null!;
    private RiskTables _tables = null!;

    public async Task InitializeAsync() => _actions = new ActionRepository(_tables = await RiskTablesFixture.CreateAsync(azurite));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TryAdd_NewAction_RoundTripsEveryField()
    {
        var features = new string?[FeatureKinds.Count];
        features[(int)FeatureKind.Ip] = "GB|AS1|192.0.2.10";
        var action = StoredActions.Create() with
        {
            ClaimedUserId = "claimed",
            DeviceFingerprint = "fp",
            DevicePublicKey = "pk",
            CorrelationId = "corr",
            VerificationSessionId = "vs",
            SessionToken = "sess",
            FeatureKeys = features,
        };

        Assert.True(await _actions.TryAddAsync(action));
        var read = await _actions.GetAsync(action.TenantId, action.ActionToken);

        Assert.NotNull(read);
        Assert.Equal(action with { ETag = read.ETag, RecommendationDocument = read.RecommendationDocument, FeatureKeys = read.FeatureKeys }, read);
        Assert.Equal(action.RecommendationDocument.ToArray(), read.RecommendationDocument.ToArray());
        Assert.Equal(features, read.FeatureKeys);
    }

    [Fact]
    public async Task TryAdd_SameTokenTwice_ReportsTheExistingAction()
    {
        var action = StoredActions.Create();

        Assert.True(await _actions.TryAddAsync(action));
        Assert.False(await _actions.TryAddAsync(action with { ActionType = "register" }));
        Assert.Equal("login", (await _actions.GetAsync(action.TenantId, action.ActionToken))!.ActionType);
    }

    [Fact]
    public async Task GetRecommendationDocument_LargeDocument_IsReadBackWhole()
    {
        var document = Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', 150_000) + "\"}");
        var action = StoredActions.Create() with { RecommendationDocument = document };
        await _actions.TryAddAsync(action);

        var read = await _actions.GetRecommendationDocumentAsync(action.TenantId, action.ActionToken);

        Assert.Equal(document, read);
    }

    [Fact]
    public async Task Get_OtherTenantsToken_IsNotFound()
    {
        var action = StoredActions.Create(tenant: "tenant-a");
        await _actions.TryAddAsync(action);

        Assert.Null(await _actions.GetAsync("tenant-b", action.ActionToken));
        Assert.Null(await _actions.GetRecommendationDocumentAsync("tenant-b", action.ActionToken));
    }

    [Fact]
    public async Task Get_MalformedToken_IsRejectedBeforeAnyLookup() =>
        await Assert.ThrowsAsync<ArgumentException>(() => _actions.GetAsync("tenant-a", "' or PartitionKey ne '"));

    [Theory]
    [InlineData("o'brien/\\#?%|~")]
    [InlineData("üñíçødé 🙂")]
    public async Task TryAdd_HostileButPrintableIds_RoundTripExactly(string id)
    {
        var action = StoredActions.Create(user: id, device: id) with { CorrelationId = id };

        await _actions.TryAddAsync(action);
        var read = await _actions.GetAsync(action.TenantId, action.ActionToken);

        Assert.Equal(id, read!.UserId);
        Assert.Equal(id, read.DeviceId);
        Assert.Equal(id, read.CorrelationId);
    }

    [Fact]
    public async Task TryReplace_StaleVersion_IsRefused()
    {
        var action = StoredActions.Create();
        await _actions.TryAddAsync(action);
        var read = (await _actions.GetAsync(action.TenantId, action.ActionToken))!;
        Assert.True(await _actions.TryReplaceAsync(read with { Result = "success" }));

        Assert.False(await _actions.TryReplaceAsync(read with { Result = "failure" }));
        Assert.Equal("success", (await _actions.GetAsync(action.TenantId, action.ActionToken))!.Result);
    }

    [Fact]
    public async Task ApplyLabel_NewerWinsOlderIsIgnoredAndReplayChangesNothing()
    {
        var action = StoredActions.Create();
        await _actions.TryAddAsync(action);
        var newer = new ActionLabelMark("l2", "CONFIRMED_LEGIT", StoredActions.At.AddDays(2));
        var older = new ActionLabelMark("l1", "CONFIRMED_FRAUD", StoredActions.At.AddDays(1));

        Assert.True(await _actions.ApplyLabelAsync(action.TenantId, action.ActionToken, newer));
        Assert.True(await _actions.ApplyLabelAsync(action.TenantId, action.ActionToken, older));
        Assert.True(await _actions.ApplyLabelAsync(action.TenantId, action.ActionToken, newer));

        var read = (await _actions.GetAsync(action.TenantId, action.ActionToken))!;
        Assert.Equal(("l2", "CONFIRMED_LEGIT", newer.LabeledAt), (read.LabelId, read.LabelType, read.LabeledAt));
    }

    [Fact]
    public async Task ApplyLabel_RowChangedBeforeEveryAttempt_GivesUpAsStorageUnavailable()
    {
        var action = StoredActions.Create();
        await _actions.TryAddAsync(action);
        var row = ContendedRow.Create(
            azurite, _tables, ActionsTable.ActionsTableName, ActionsTable.PartitionKey(action.TenantId, action.ActionToken),
            ActionsTable.RowKey(action.ActionToken), request => request.Method != RequestMethod.Get);
        var busy = new ActionRepository(row.Tables);

        var failure = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            busy.ApplyLabelAsync(action.TenantId, action.ActionToken, new ActionLabelMark("l1", "CONFIRMED_FRAUD", StoredActions.At)));

        Assert.Equal(503, failure.Status);
        Assert.Equal(ActionRepository.MaxLabelAttempts, row.Races);
        Assert.Null((await _actions.GetAsync(action.TenantId, action.ActionToken))!.LabelId);
    }

    [Fact]
    public async Task ApplyLabel_UnknownAction_ReportsIt() =>
        Assert.False(await _actions.ApplyLabelAsync("tenant-a", StoredActions.NewToken(), new ActionLabelMark("l", "CONFIRMED_FRAUD", StoredActions.At)));

    [Fact]
    public async Task MarkProfileFed_KeepsTheRestOfTheAction()
    {
        var action = StoredActions.Create();
        await _actions.TryAddAsync(action);

        await _actions.MarkProfileFedAsync(action.TenantId, action.ActionToken);

        var read = (await _actions.GetAsync(action.TenantId, action.ActionToken))!;
        Assert.True(read.ProfileFed);
        Assert.Equal(action.UserId, read.UserId);
        Assert.Equal(action.RecommendationDocument.ToArray(), read.RecommendationDocument.ToArray());
    }
}
