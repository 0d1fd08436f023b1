using RiskFunctions.Storage.Actions;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Actions;

public sealed class ActionLabelMarkerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly ActionLabelMark Older = new("label-1", "CONFIRMED_FRAUD", StoredActions.At.AddDays(1));
    private static readonly ActionLabelMark Newer = new("label-2", "CONFIRMED_LEGIT", StoredActions.At.AddDays(2));

    private static readonly ActionSubject User = new(ActionSubjectKind.UserId, "user-1");

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
    public async Task Mark_MoreActionsInOnePartitionThanOneTransactionHolds_MarksEveryOneAndReportsThem()
    {
        var tenant = NewTenant();
        var crowded = await AddAsync(tenant, ActionLabelMarker.BatchSize + 30, prefix: "ab");
        var spread = await AddAsync(tenant, 40);

        var marked = await _marker.MarkAsync(tenant, [.. crowded, .. spread], Older);

        Assert.Equal(crowded.Concat(spread).Order(StringComparer.Ordinal), marked.Order(StringComparer.Ordinal));
        foreach (var token in crowded.Concat(spread))
        {
            var action = (await _actions.GetAsync(tenant, token))!;
            Assert.Equal((Older.LabelId, Older.LabelType, Older.LabeledAt), (action.LabelId, action.LabelType, action.LabeledAt));
            Assert.Equal("login", action.ActionType);
        }
    }

    [Fact]
    public async Task Mark_OlderLabelAfterANewerOne_LeavesTheNewerButCountsTheAction()
    {
        var tenant = NewTenant();
        var tokens = await AddAsync(tenant, 6);
        await _marker.MarkAsync(tenant, tokens[..3], Newer);

        var marked = await _marker.MarkAsync(tenant, tokens, Older);

        Assert.Equal(6, marked.Count);
        foreach (var (token, i) in tokens.Select((token, i) => (token, i)))
        {
            Assert.Equal(i < 3 ? Newer.LabelId : Older.LabelId, (await _actions.GetAsync(tenant, token))!.LabelId);
        }
    }

    [Fact]
    public async Task Mark_SameLabelAgain_ChangesNothing()
    {
        var tenant = NewTenant();
        var tokens = await AddAsync(tenant, 5);
        await _marker.MarkAsync(tenant, tokens, Older);
        var before = await Task.WhenAll(tokens.Select(token => _actions.GetAsync(tenant, token)));

        var marked = await _marker.MarkAsync(tenant, tokens, Older);

        var after = await Task.WhenAll(tokens.Select(token => _actions.GetAsync(tenant, token)));
        Assert.Equal(5, marked.Count);
        Assert.Equal(before.Select(action => action!.ETag), after.Select(action => action!.ETag));
    }

    [Fact]
    public async Task Mark_MissingMalformedDuplicateAndOtherTenantsTokens_AreNeitherCreatedNorCounted()
    {
        var tenant = NewTenant();
        var tokens = await AddAsync(tenant, 3);
        var others = await AddAsync(NewTenant(), 2);
        var missing = StoredActions.NewToken();

        var marked = await _marker.MarkAsync(tenant, [.. tokens, tokens[0], missing, "not-a-token", .. others], Older);

        Assert.Equal(tokens.Order(StringComparer.Ordinal), marked.Order(StringComparer.Ordinal));
        Assert.Null(await _actions.GetAsync(tenant, missing));
        foreach (var token in others)
        {
            Assert.Null(await _actions.GetAsync(tenant, token));
        }
    }

    [Fact]
    public async Task Mark_ConcurrentlyWithANewerLabel_TheNewerStaysOnEveryAction()
    {
        var tenant = NewTenant();
        var tokens = await AddAsync(tenant, 120, prefix: "cd");

        await Task.WhenAll(
            _marker.MarkAsync(tenant, tokens, Older),
            _marker.MarkAsync(tenant, tokens, Newer),
            _marker.MarkAsync(tenant, tokens.AsEnumerable().Reverse().ToList(), Older));

        foreach (var token in tokens)
        {
            Assert.Equal(Newer.LabelId, (await _actions.GetAsync(tenant, token))!.LabelId);
        }
    }

    [Fact]
    public async Task MarkSubject_MoreActionsInOnePartitionThanOneTransactionHolds_MarksEveryOneWithoutTouchingTheRest()
    {
        var tenant = NewTenant();
        var crowded = await AddAsync(tenant, ActionLabelMarker.BatchSize + 30, prefix: "ef");
        var spread = await AddAsync(tenant, 40);

        var marked = await _marker.MarkSubjectAsync(tenant, User, [.. crowded, .. spread], Older);

        Assert.Equal(crowded.Concat(spread).Order(StringComparer.Ordinal), marked.Order(StringComparer.Ordinal));
        foreach (var token in crowded.Concat(spread))
        {
            var action = (await _actions.GetAsync(tenant, token))!;
            Assert.Equal((Older.LabelId, Older.LabelType, Older.LabeledAt), (action.LabelId, action.LabelType, action.LabeledAt));
            Assert.Equal(("login", "user-1"), (action.ActionType, action.UserId));
        }
    }

    [Fact]
    public async Task MarkSubject_NeverStoredTokenAmongStoredOnesOfItsPartition_IsNeitherCreatedNorCounted()
    {
        var tenant = NewTenant();
        var tokens = await AddAsync(tenant, 4, prefix: "0f");
        var missing = "0f" + StoredActions.NewToken()[2..];

        var marked = await _marker.MarkSubjectAsync(tenant, User, [.. tokens, missing, "not-a-token"], Older);

        Assert.Equal(tokens, marked.Order(StringComparer.Ordinal));
        Assert.Null(await _actions.GetAsync(tenant, missing));
        Assert.All(await Task.WhenAll(tokens.Select(token => _actions.GetAsync(tenant, token))), action => Assert.Equal(Older.LabelId, action!.LabelId));
    }

    [Fact]
    public async Task MarkSubject_OlderLabelOfAnotherSubject_DoesNotHideTheNewerOne()
    {
        var tenant = NewTenant();
        var tokens = await AddAsync(tenant, 3);
        await _marker.MarkSubjectAsync(tenant, new ActionSubject(ActionSubjectKind.IpAddress, "192.0.2.10"), tokens, Newer);
        await _marker.MarkAsync(tenant, tokens[..1], Older);

        await _marker.MarkSubjectAsync(tenant, User, tokens, Older);

        Assert.All(await Task.WhenAll(tokens.Select(token => _actions.GetAsync(tenant, token))), action => Assert.Equal(Newer.LabelId, action!.LabelId));
    }

    [Fact]
    public async Task MarkSubject_ThenTheActionIsReplaced_KeepsTheLabel()
    {
        var tenant = NewTenant();
        var token = (await AddAsync(tenant, 1))[0];
        await _marker.MarkSubjectAsync(tenant, User, [token], Newer);
        var read = (await _actions.GetAsync(tenant, token))!;

        Assert.True(await _actions.TryReplaceAsync(read with { Result = "success" }));
        await _marker.MarkSubjectAsync(tenant, User, [token], Older);

        var after = (await _actions.GetAsync(tenant, token))!;
        Assert.Equal(("success", Newer.LabelId, Newer.LabelType, Newer.LabeledAt), (after.Result, after.LabelId, after.LabelType, after.LabeledAt));
    }

    private static string NewTenant() => "marker-" + Guid.NewGuid().ToString("N")[..12];

    private Task<string[]> AddAsync(string tenant, int count, string? prefix = null) => StoredActions.AddManyAsync(_actions, tenant, count, prefix);
}
