using Azure.Data.Tables;
using RiskFunctions.Domain.FraudRings;
using RiskFunctions.Storage.FraudRings;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.FraudRings;

/// <summary>The ring graph's adjacency rows on Azurite: what a run's edges read and write, and the earlier layout's edges.</summary>
public sealed class RingGraphTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly LinkEntity Card = new(LinkKind.Card, "411111|0001");
    private static readonly LinkEntity Address = new(LinkKind.Ip, "10.0.0.1");

    [Fact]
    public async Task RecordAsync_EdgesOfTwoUsers_ReadBackFromBothSidesPerTenant()
    {
        var (graph, _) = await GraphAsync();

        var first = await graph.RecordAsync("t-both", [new RingEdge("u1", Card, At), new RingEdge("u2", Card, At), new RingEdge("u1", Address, At)]);
        var again = await graph.RecordAsync("t-both", [new RingEdge("u2", Card, At)]);

        Assert.Equal(["u1", "u2"], first.UsersOf[Card].Select(edge => edge.UserId).Order());
        Assert.Equal([LinkKind.Card, LinkKind.Ip], first.EntitiesOf["u1"].Select(edge => edge.Entity.Kind).Order());
        Assert.Equal((2, 0), (first.NewUsers, again.NewUsers));
        Assert.Equal(["u1", "u2"], (await graph.UsersOfAsync("t-both", Card)).Select(edge => edge.UserId).Order());
        Assert.Equal([new RingEdge("u1", Card, At), new RingEdge("u1", Address, At)], (await graph.EntitiesOfAsync("t-both", "u1")).OrderBy(edge => edge.Entity.Kind));
        Assert.Empty(await graph.UsersOfAsync("t-other", Card));
        Assert.Empty(await graph.EntitiesOfAsync("t-other", "u1"));
    }

    /// <summary>
    /// A returning user's edges within the hour are read (one point read per row, no query) and not written; the run
    /// still sees their exact time. An hour on, both rows are written again.
    /// </summary>
    [Fact]
    public async Task RecordAsync_ReturningUser_WritesOnlyOnceTheTimeMovedOnByTheResolution()
    {
        var (graph, log) = await GraphAsync();
        await graph.RecordAsync("t-return", [new RingEdge("u1", Card, At)]);
        log.Clear();

        var soon = await graph.RecordAsync("t-return", [new RingEdge("u1", Card, At.AddMinutes(40))]);
        var soonRequests = log.Sent;
        log.Clear();
        await graph.RecordAsync("t-return", [new RingEdge("u1", Card, At.AddMinutes(40) + RingGraph.SeenAtResolution)]);
        var laterRequests = log.Sent;

        Assert.Equal(At.AddMinutes(40), Assert.Single(soon.UsersOf[Card]).SeenAt);
        Assert.Equal(2, soonRequests.Count);
        Assert.All(soonRequests, request => Assert.Matches(@"^GET .*\(PartitionKey='.*',RowKey='~'\)$", request));
        Assert.Equal(2, laterRequests.Count(request => request.StartsWith("PUT ", StringComparison.Ordinal)));
        Assert.Equal(At.AddMinutes(40) + RingGraph.SeenAtResolution, Assert.Single(await graph.UsersOfAsync("t-return", Card)).SeenAt);
    }

    /// <summary>A tenant whose graph never had a row per edge is decided once (two one-row range reads and a marker); then only point reads.</summary>
    [Fact]
    public async Task RecordAsync_TenantWithoutEdgesOfTheEarlierLayout_NeverQueriesAPartition()
    {
        var (graph, log) = await GraphAsync();
        await graph.RecordAsync("t-new", [new RingEdge("u1", Card, At)]);
        var firstQueries = log.Sent.Count(IsQuery);
        var (restarted, restartedLog) = await GraphAsync();

        await restarted.RecordAsync("t-new", [new RingEdge("u2", Card, At), new RingEdge("u2", Address, At)]);

        Assert.Equal(2, firstQueries);
        Assert.DoesNotContain(restartedLog.Sent, IsQuery);
    }

    /// <summary>
    /// Edges an earlier version stored one row per edge are read with the partition (only for a tenant that has such
    /// rows), counted as known users, and kept in the partition's row from the first write on.
    /// </summary>
    [Fact]
    public async Task RecordAsync_TenantWithEdgesOfTheEarlierLayout_ReadsThemAndKeepsThemInTheRow()
    {
        const string Tenant = "t-legacy";
        var (graph, _) = await GraphAsync();
        var table = azurite.CreateServiceClient().GetTableClient(azurite.TableName(FraudRingsTable.FraudRingsTableName));
        await table.AddEntityAsync(new TableEntity(FraudRingsTable.UsersOf(Tenant, Card), "old") { ["UserId"] = "old", ["SeenAt"] = At.AddDays(-3) });
        await table.AddEntityAsync(new TableEntity(FraudRingsTable.EntitiesOf(Tenant, "old"), "card|x") { ["Kind"] = "card", ["Value"] = Card.Value, ["SeenAt"] = At.AddDays(-3) });

        var recorded = await graph.RecordAsync(Tenant, [new RingEdge("new", Card, At), new RingEdge("old", Address, At)]);
        var (restarted, restartedLog) = await GraphAsync();
        var usersOfCard = await restarted.UsersOfAsync(Tenant, Card);
        var entitiesOfOld = await restarted.EntitiesOfAsync(Tenant, "old");

        Assert.Equal(["new", "old"], recorded.UsersOf[Card].Select(edge => edge.UserId).Order());
        Assert.Equal(1, recorded.NewUsers);
        Assert.Equal([new RingEdge("new", Card, At), new RingEdge("old", Card, At.AddDays(-3))], usersOfCard.OrderBy(edge => edge.UserId, StringComparer.Ordinal));
        Assert.Equal([Card, Address], entitiesOfOld.Select(edge => edge.Entity).OrderBy(entity => entity.Kind));
        Assert.DoesNotContain(restartedLog.Sent, IsQuery);
    }

    /// <summary>Runs that overlap (two instances, many users of one card at once) lose no edge and count each user once.</summary>
    [Fact]
    public async Task RecordAsync_OverlappingRuns_KeepEveryEdgeAndCountEachUserOnce()
    {
        var (one, _) = await GraphAsync();
        var (other, _) = await GraphAsync();

        var updates = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            (i % 2 == 0 ? one : other).RecordAsync("t-overlap", [new RingEdge("u" + i, Card, At.AddSeconds(i)), new RingEdge("u" + (i / 2), Address, At)])));

        Assert.Equal(24, (await one.UsersOfAsync("t-overlap", Card)).Count);
        Assert.Equal(12, (await other.UsersOfAsync("t-overlap", Address)).Count);
        Assert.Equal(24, updates.Sum(update => update.NewUsers));
    }

    [Fact]
    public async Task RecordAsync_IdentifierOfMoreUsersThanARowKeeps_KeepsTheFirstOnes()
    {
        var (graph, _) = await GraphAsync();
        await graph.RecordAsync("t-full", [.. Enumerable.Range(0, RingGraph.MaxEdgesPerRow).Select(i => new RingEdge("u" + i, Card, At))]);

        var overflow = await graph.RecordAsync("t-full", [new RingEdge("late", Card, At), new RingEdge("u7", Card, At.AddDays(1))]);

        var stored = await graph.UsersOfAsync("t-full", Card);
        Assert.Equal(RingGraph.MaxEdgesPerRow, stored.Count);
        Assert.DoesNotContain(stored, edge => edge.UserId == "late");
        Assert.Equal(At.AddDays(1), stored.Single(edge => edge.UserId == "u7").SeenAt);
        Assert.Equal(1, overflow.NewUsers);
    }

    private static bool IsQuery(string request) => request.StartsWith("GET ", StringComparison.Ordinal) && request.EndsWith("()", StringComparison.Ordinal);

    private async Task<(RingGraph Graph, TableRequestLog Log)> GraphAsync()
    {
        var (tables, log) = await LoggedTables.CreateAsync(azurite, RiskTablesFixture.AllTables);
        return (new RingGraph(tables), log);
    }
}
