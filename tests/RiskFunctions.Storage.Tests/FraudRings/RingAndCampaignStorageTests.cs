using Azure.Core;
using Azure.Data.Tables;
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
    private static readonly string RingA = RingIdentity.IdPrefix + new string('a', 24);
    private static readonly string RingB = RingIdentity.IdPrefix + new string('b', 24);
    private static readonly string Campaign1 = CampaignIdentity.IdPrefix + new string('1', 24);
    private static readonly string CampaignUnknown = CampaignIdentity.IdPrefix + new string('f', 24);
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
    public async Task FraudRingRepository_MembershipsAndRings_RoundTrip()
    {
        var repository = new FraudRingRepository(_tables);
        var card = new LinkEntity(LinkKind.Card, "411111|0001");
        var ring = new StoredRing { TenantId = "t-ring", RingId = RingA, Members = ["u1", "u2"], Links = [new RingLink(card, 2)], FirstSeen = At, LastSeen = At.AddHours(1) };
        await repository.SaveAsync(ring);
        await repository.SaveAsync(ring with { RingId = RingB, MergedInto = RingA });
        await repository.SetMembershipsAsync("t-ring", ["u1", "u2"], new RingMembership(RingA, At));

        Assert.Equal(ring.Members, (await repository.ResolveAsync("t-ring", RingB))!.Members);
        Assert.Equal(ring.Links, (await repository.GetAsync("t-ring", RingA))!.Links);
        Assert.Equal(RingA, Assert.Single((await repository.ListAsync("t-ring", 10, null)).Rings).RingId);
        Assert.Equal(new RingMembership(RingA, At), (await repository.GetMembershipsAsync("t-ring", ["u2", "u3"]))["u2"]);
        Assert.Null(await repository.GetAsync("t-other", RingA));
    }

    [Fact]
    public async Task FraudRingRepository_AddUsers_KeepsACountPerTenant()
    {
        var repository = new FraudRingRepository(_tables);

        var afterFirst = await repository.AddUsersAsync("t1", 30);
        var afterOverlap = await repository.AddUsersAsync("t1", 1);
        var afterNoneNew = await repository.AddUsersAsync("t1", 0);
        var otherTenant = await repository.AddUsersAsync("t2", 1);

        Assert.Equal(30, afterFirst);
        Assert.Equal(31, afterOverlap);
        Assert.Equal(31, afterNoneNew);
        Assert.Equal(1, otherTenant);
    }

    [Fact]
    public async Task CampaignRepository_SaveLabelList_KeepsNewestLabel()
    {
        var repository = new CampaignRepository(_tables);
        var campaign = new StoredCampaign
        {
            TenantId = "t-camp",
            CampaignId = Campaign1,
            Kind = CampaignKind.CredentialStuffing,
            Feature = CampaignFeature.Asn,
            FeatureValue = "AS14061",
            FirstSeen = At,
            LastSeen = At.AddMinutes(2),
            ActionCount = 500,
            Measures = new Dictionary<string, double> { ["failure_ratio"] = 0.97 },
        };
        await repository.SaveAsync(campaign);
        await repository.ApplyLabelAsync("t-camp", Campaign1, "l2", "CONFIRMED_FRAUD", At.AddHours(2));
        await repository.ApplyLabelAsync("t-camp", Campaign1, "l1", "CONFIRMED_LEGIT", At.AddHours(1));
        await repository.ApplyLabelAsync("t-camp", CampaignUnknown, "l1", "CONFIRMED_LEGIT", At.AddHours(1));
        await repository.SaveAsync(campaign with { LastSeen = At.AddMinutes(5) });

        var read = await repository.GetAsync("t-camp", Campaign1);
        Assert.Equal(("l2", "CONFIRMED_FRAUD", At.AddMinutes(5), 0.97), (read!.LabelId, read.LabelType, read.LastSeen, read.Measures["failure_ratio"]));
        Assert.Null(await repository.GetAsync("t-camp", CampaignUnknown));
        Assert.Single(await repository.ListSinceAsync("t-camp", At.AddMinutes(4)));
        Assert.Empty(await repository.ListSinceAsync("t-camp", At.AddMinutes(6)));
        Assert.Single((await repository.ListAsync("t-camp", 10, null)).Campaigns);
    }

    /// <summary>
    /// A walk of the listings gives each ring and campaign once and ends on the last full page: no cursor that leads to
    /// an empty page. A merged ring is not listed, and does not count towards a page.
    /// </summary>
    [Fact]
    public async Task Listings_WalkedPageByPage_EndOnTheLastFullPage()
    {
        var rings = new FraudRingRepository(_tables);
        var campaigns = new CampaignRepository(_tables);
        var ringIds = Enumerable.Range(1, 4).Select(i => RingIdentity.IdPrefix + new string((char)('0' + i), 24)).ToList();
        var campaignIds = Enumerable.Range(1, 4).Select(i => CampaignIdentity.IdPrefix + new string((char)('0' + i), 24)).ToList();
        foreach (var (id, i) in ringIds.Select((id, i) => (id, i)))
        {
            await rings.SaveAsync(new StoredRing
            {
                TenantId = "t-walk", RingId = id, Members = ["u1", "u2"], Links = [], FirstSeen = At, LastSeen = At,
                MergedInto = i == 1 ? ringIds[0] : null,
            });
        }

        foreach (var id in campaignIds)
        {
            await campaigns.SaveAsync(new StoredCampaign
            {
                TenantId = "t-walk", CampaignId = id, Kind = CampaignKind.CardTesting, Feature = CampaignFeature.Asn,
                FeatureValue = "AS64500", FirstSeen = At, LastSeen = At, ActionCount = 50,
            });
        }

        var (ringPage1, ringNext) = await rings.ListAsync("t-walk", 2, null);
        var (ringPage2, ringEnd) = await rings.ListAsync("t-walk", 2, ringNext);
        var (campaignPage1, campaignNext) = await campaigns.ListAsync("t-walk", 2, null);
        var (campaignPage2, campaignEnd) = await campaigns.ListAsync("t-walk", 2, campaignNext);
        var (allCampaigns, afterAll) = await campaigns.ListAsync("t-walk", 4, null);
        var (allRings, afterAllRings) = await rings.ListAsync("t-walk", 3, null);

        Assert.Equal([ringIds[0], ringIds[2]], ringPage1.Select(ring => ring.RingId));
        Assert.Equal([ringIds[3]], ringPage2.Select(ring => ring.RingId));
        Assert.Null(ringEnd);
        Assert.Equal(campaignIds[..2], campaignPage1.Select(campaign => campaign.CampaignId));
        Assert.Equal(campaignIds[2..], campaignPage2.Select(campaign => campaign.CampaignId));
        Assert.Null(campaignEnd);
        Assert.Equal(4, allCampaigns.Count);
        Assert.Null(afterAll);
        Assert.Equal(3, allRings.Count);
        Assert.Null(afterAllRings);
    }

    [Fact]
    public async Task CampaignRepository_NewerLabelLandsBetweenAnOlderOnesReadAndWrite_KeepsTheNewer()
    {
        var repository = new CampaignRepository(_tables);
        await repository.SaveAsync(new StoredCampaign
        {
            TenantId = "t-camp-race",
            CampaignId = Campaign1,
            Kind = CampaignKind.CardTesting,
            Feature = CampaignFeature.Asn,
            FeatureValue = "AS64500",
            FirstSeen = At,
            LastSeen = At,
            ActionCount = 50,
        });
        var race = new RaceBeforeRequest(
            request => request.Method == RequestMethod.Patch,
            () => repository.ApplyLabelAsync("t-camp-race", Campaign1, "newer", "CONFIRMED_FRAUD", At.AddHours(2)));
        var options = new TableClientOptions();
        options.AddPolicy(race, HttpPipelinePosition.PerRetry);
        var raced = new CampaignRepository(new RiskTables(azurite.CreateServiceClient(options), azurite.TablePrefix));

        await raced.ApplyLabelAsync("t-camp-race", Campaign1, "older", "CONFIRMED_LEGIT", At.AddHours(1));

        Assert.True(race.Raced);
        var read = await repository.GetAsync("t-camp-race", Campaign1);
        Assert.Equal(("newer", "CONFIRMED_FRAUD"), (read!.LabelId, read.LabelType));
    }

    /// <summary>
    /// A label's subject is free text: an id this service never issues, with characters no RowKey may hold, is an
    /// unknown ring or campaign (nothing read, nothing written), not a failed storage request.
    /// </summary>
    [Theory]
    [InlineData("a/b")]
    [InlineData("x#y?z")]
    [InlineData("camp_..\\..")]
    [InlineData("ring_0123456789abcdef01234567")]
    public async Task Repositories_IdNotIssuedByTheService_AreUnknownAndStoreNothing(string id)
    {
        var rings = new FraudRingRepository(_tables);
        var campaigns = new CampaignRepository(_tables);

        await campaigns.ApplyLabelAsync("t-hostile", id, "l1", "CONFIRMED_FRAUD", At);

        Assert.Null(await rings.GetAsync("t-hostile", id));
        Assert.Null(await rings.ResolveAsync("t-hostile", id));
        Assert.Null(await campaigns.GetAsync("t-hostile", id));
        Assert.Empty((await campaigns.ListAsync("t-hostile", 10, null)).Campaigns);
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
