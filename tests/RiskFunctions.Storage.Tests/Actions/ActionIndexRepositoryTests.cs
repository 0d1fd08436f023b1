using RiskFunctions.Storage.Actions;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Actions;

public sealed class ActionIndexRepositoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private ActionIndexRepository _index = null!;

    public async Task InitializeAsync() => _index = new ActionIndexRepository(await RiskTablesFixture.CreateAsync(azurite));

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<StoredAction>> IndexActionsAsync(string tenant, string user, int count, TimeSpan spacing)
    {
        var actions = Enumerable.Range(0, count)
            .Select(i => StoredActions.Create(tenant: tenant, user: user, at: StoredActions.At + (spacing * i)))
            .ToList();
        foreach (var action in actions)
        {
            await _index.IndexAsync(action);
        }

        return actions;
    }

    [Fact]
    public async Task QueryAsync_ReturnsTheSubjectsActionsNewestFirst()
    {
        var actions = await IndexActionsAsync("t-order", "alice", 5, TimeSpan.FromMinutes(1));

        var found = await _index.QueryAsync("t-order", new ActionSubject(ActionSubjectKind.UserId, "alice")).ToListAsync();

        Assert.Equal(actions.Select(a => a.ActionToken).Reverse(), found.Select(a => a.ActionToken));
        Assert.All(found, a => Assert.Equal("ALLOW", a.Recommendation));
        Assert.All(found, a => Assert.Equal("alice", a.UserId));
    }

    [Fact]
    public async Task QueryPageAsync_TimeWindow_IncludesFromAndExcludesTo()
    {
        var actions = await IndexActionsAsync("t-window", "bob", 6, TimeSpan.FromMinutes(1));

        var page = await _index.QueryPageAsync(
            "t-window", new ActionSubject(ActionSubjectKind.UserId, "bob"), from: actions[1].OccurredAt, to: actions[4].OccurredAt);

        Assert.Equal([actions[3].ActionToken, actions[2].ActionToken, actions[1].ActionToken], page.Items.Select(a => a.ActionToken));
        Assert.Null(page.Continuation);
    }

    [Fact]
    public async Task QueryPageAsync_Continuation_ResumesAfterTheLastItem()
    {
        var actions = await IndexActionsAsync("t-pages", "carol", 25, TimeSpan.FromSeconds(1));
        var subject = new ActionSubject(ActionSubjectKind.UserId, "carol");

        var seen = new List<string>();
        string? continuation = null;
        do
        {
            var page = await _index.QueryPageAsync("t-pages", subject, continuation: continuation, pageSize: 10);
            seen.AddRange(page.Items.Select(a => a.ActionToken));
            continuation = page.Continuation;
        }
        while (continuation is not null);

        Assert.Equal(actions.Select(a => a.ActionToken).Reverse(), seen);
    }

    [Theory]
    [InlineData("::ffff:192.0.2.77", "192.0.2.77")]
    [InlineData("2001:DB8::1", "2001:db8::1")]
    public async Task QueryAsync_IpInAnotherSpelling_FindsTheSameActions(string indexedAs, string queriedAs)
    {
        var action = StoredActions.Create(tenant: "t-ip", ip: indexedAs);
        await _index.IndexAsync(action);

        var found = await _index.QueryAsync("t-ip", new ActionSubject(ActionSubjectKind.IpAddress, queriedAs)).ToListAsync();

        Assert.Equal(action.ActionToken, Assert.Single(found).ActionToken);
    }

    [Fact]
    public async Task QueryAsync_OtherTenant_SeesNothing()
    {
        await IndexActionsAsync("t-mine", "dave", 2, TimeSpan.FromSeconds(1));

        var found = await _index.QueryAsync("t-theirs", new ActionSubject(ActionSubjectKind.UserId, "dave")).ToListAsync();

        Assert.Empty(found);
    }

    [Theory]
    [InlineData("' or PartitionKey ne '")]
    [InlineData("a/b\\c#d?e")]
    [InlineData("x%7Cy|z")]
    public async Task QueryAsync_HostileSubjectValues_MatchExactlyThemselves(string value)
    {
        var action = StoredActions.Create(tenant: "t-hostile") with { CorrelationId = value };
        var other = StoredActions.Create(tenant: "t-hostile") with { CorrelationId = value + "-other" };
        await _index.IndexAsync(action);
        await _index.IndexAsync(other);

        var found = await _index.QueryAsync("t-hostile", new ActionSubject(ActionSubjectKind.CorrelationId, value)).ToListAsync();

        Assert.Equal(action.ActionToken, Assert.Single(found).ActionToken);
    }

    [Fact]
    public async Task IndexAsync_VeryLongValue_IsIndexedUnderAHashedKey()
    {
        var value = new string('v', 10_000);
        var action = StoredActions.Create(tenant: "t-long", user: value);
        await _index.IndexAsync(action);

        var found = await _index.QueryAsync("t-long", new ActionSubject(ActionSubjectKind.UserId, value)).ToListAsync();

        Assert.Equal(value, Assert.Single(found).UserId);
    }

    [Fact]
    public async Task IndexAsync_SameActionTwice_IsListedOnce()
    {
        var action = StoredActions.Create(tenant: "t-twice", user: "erin");

        await _index.IndexAsync(action);
        await _index.IndexAsync(action);

        Assert.Single(await _index.QueryAsync("t-twice", new ActionSubject(ActionSubjectKind.UserId, "erin")).ToListAsync());
    }
}
