using RiskFunctions.Domain.Activity;
using RiskFunctions.Domain.Campaigns;
using RiskFunctions.Domain.FraudRings;
using RiskFunctions.Storage.Activity;
using RiskFunctions.Storage.Campaigns;
using RiskFunctions.Storage.FraudRings;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.FraudRings;

public sealed class RingAndCampaignStorageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);
    private RiskTables _tables = null!;

    public async Task InitializeAsync() => _tables = await RiskTablesFixture.CreateAsync(azurite);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ActivityFeed_AppendResultMarkDelete_RoundTripsPerTenant()
    {
        var feed = new ActivityFeed(_tables);
        var record = new ActivityRecord
        {
            ActionToken = new string('a', 64),
            ActionType = "transaction",
            OccurredAt = At,
            UserId = "u|1",
            Card = "411111|0001",
            Amount = 1.25m,
            IpIsShared = true,
        };
        await feed.AppendAsync("t/feed", record, At.AddSeconds(1));
        await feed.AppendAsync("t-other", record with { ActionToken = new string('b', 64) }, At);

        await feed.RecordResultAsync("t/feed", record.ActionToken, "failure");
        await feed.MarkRingDoneAsync("t/feed", [record.ActionToken]);
        await feed.SetCampaignAsync("t/feed", [record.ActionToken], "camp_x");
        var entries = await ReadAsync(feed);

        var entry = Assert.Single(entries, e => e.TenantId == "t/feed");
        Assert.Equal(record with { Result = "failure" }, entry.Record);
        Assert.Equal((true, "camp_x", At.AddSeconds(1)), (entry.RingDone, entry.CampaignId, entry.RecordedAt));

        await feed.DeleteAsync("t/feed", [record.ActionToken, new string('c', 64)]);
        await feed.RecordResultAsync("t/feed", record.ActionToken, "success");
        Assert.DoesNotContain(await ReadAsync(feed), e => e.TenantId == "t/feed");
    }

    [Fact]
    public async Task FraudRingRepository_EdgesMembershipsAndRings_RoundTrip()
    {
        var repository = new FraudRingRepository(_tables);
        var card = new LinkEntity(LinkKind.Card, "411111|0001");
        await repository.AddEdgesAsync("t-ring", [new RingEdge("u1", card, At), new RingEdge("u2", card, At), new RingEdge("u1", new LinkEntity(LinkKind.Ip, "10.0.0.1"), At)]);

        Assert.Equal(["u1", "u2"], (await repository.UsersOfAsync("t-ring", card)).Select(edge => edge.UserId).Order());
        Assert.Equal([LinkKind.Card, LinkKind.Ip], (await repository.EntitiesOfAsync("t-ring", "u1")).Select(edge => edge.Entity.Kind).Order());
        Assert.Empty(await repository.UsersOfAsync("t-other", card));

        var ring = new StoredRing { TenantId = "t-ring", RingId = "ring_a", Members = ["u1", "u2"], Links = [new RingLink(card, 2)], FirstSeen = At, LastSeen = At.AddHours(1) };
        await repository.SaveAsync(ring);
        await repository.SaveAsync(ring with { RingId = "ring_b", MergedInto = "ring_a" });
        await repository.SetMembershipsAsync("t-ring", ["u1", "u2"], new RingMembership("ring_a", At));

        Assert.Equal(ring.Members, (await repository.ResolveAsync("t-ring", "ring_b"))!.Members);
        Assert.Equal(ring.Links, (await repository.GetAsync("t-ring", "ring_a"))!.Links);
        Assert.Equal("ring_a", Assert.Single((await repository.ListAsync("t-ring", 10, null)).Rings).RingId);
        Assert.Equal(new RingMembership("ring_a", At), (await repository.GetMembershipsAsync("t-ring", ["u2", "u3"]))["u2"]);
        Assert.Null(await repository.GetAsync("t-other", "ring_a"));
    }

    [Fact]
    public async Task CampaignRepository_SaveLabelList_KeepsNewestLabel()
    {
        var repository = new CampaignRepository(_tables);
        var campaign = new StoredCampaign
        {
            TenantId = "t-camp",
            CampaignId = "camp_1",
            Kind = CampaignKind.CredentialStuffing,
            Feature = CampaignFeature.Asn,
            FeatureValue = "AS14061",
            FirstSeen = At,
            LastSeen = At.AddMinutes(2),
            ActionCount = 500,
            Measures = new Dictionary<string, double> { ["failure_ratio"] = 0.97 },
        };
        await repository.SaveAsync(campaign);
        await repository.ApplyLabelAsync("t-camp", "camp_1", "l2", "CONFIRMED_FRAUD", At.AddHours(2));
        await repository.ApplyLabelAsync("t-camp", "camp_1", "l1", "CONFIRMED_LEGIT", At.AddHours(1));
        await repository.ApplyLabelAsync("t-camp", "camp_unknown", "l1", "CONFIRMED_LEGIT", At.AddHours(1));
        await repository.SaveAsync(campaign with { LastSeen = At.AddMinutes(5) });

        var read = await repository.GetAsync("t-camp", "camp_1");
        Assert.Equal(("l2", "CONFIRMED_FRAUD", At.AddMinutes(5), 0.97), (read!.LabelId, read.LabelType, read.LastSeen, read.Measures["failure_ratio"]));
        Assert.Null(await repository.GetAsync("t-camp", "camp_unknown"));
        Assert.Single(await repository.ListSinceAsync("t-camp", At.AddMinutes(4)));
        Assert.Empty(await repository.ListSinceAsync("t-camp", At.AddMinutes(6)));
        Assert.Single((await repository.ListAsync("t-camp", 10, null)).Campaigns);
    }

    private static async Task<List<FeedEntry>> ReadAsync(ActivityFeed feed)
    {
        var entries = new List<FeedEntry>();
        await foreach (var entry in feed.ReadAllAsync())
        {
            entries.Add(entry);
        }

        return entries;
    }
}
