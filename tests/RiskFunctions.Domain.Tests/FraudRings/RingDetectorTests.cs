using RiskFunctions.Domain.FraudRings;
using RiskFunctions.Testing.Populations;

namespace RiskFunctions.Domain.Tests.FraudRings;

public sealed class RingDetectorTests
{
    private static readonly DateTimeOffset At = SyntheticPopulation.DayStart;

    private readonly RingDetector _detector = new(new RingDetectionOptions());

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Detect_RingHiddenAmongTenThousandUsers_FindsExactlyItsMembers(int seed)
    {
        var population = SyntheticPopulation.NormalDay(seed).WithRing(accounts: 20, devices: 3, cards: 2);

        var rings = _detector.Detect(population.Records.SelectMany(RingEdges.Of));

        var ring = Assert.Single(rings);
        var score = MembershipScore.Of(ring.Members, population.RingMembers);
        Assert.Equal(1.0, score.Precision);
        Assert.Equal(1.0, score.Recall);
        Assert.Contains(ring.Links, link => link.Entity.Kind == LinkKind.Card && link.MemberCount == 10);
        Assert.Equal(3, ring.Links.Count(link => link.Entity.Kind == LinkKind.DeviceId));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void Detect_NormalDay_FindsNoRing(int seed)
    {
        var population = SyntheticPopulation.NormalDay(seed);

        Assert.Empty(_detector.Detect(population.Records.SelectMany(RingEdges.Of)));
    }

    [Fact]
    public void Detect_EdgesInAnyOrder_SameRings()
    {
        var edges = SyntheticPopulation.NormalDay(7).WithRing().Records.SelectMany(RingEdges.Of).ToList();

        var forward = _detector.Detect(edges);
        var backward = _detector.Detect(Enumerable.Reverse(edges));

        Assert.Equal(forward.Single().Members, backward.Single().Members);
        Assert.Equal(forward.Single().Links, backward.Single().Links);
    }

    [Fact]
    public void Detect_FewerMembersThanMinimum_NoRing()
    {
        var edges = Users(4).SelectMany(user => new[] { Edge(user, LinkKind.DeviceId, "d1"), Edge(user, LinkKind.Card, "c1") });

        Assert.Empty(_detector.Detect(edges));
    }

    [Fact]
    public void Detect_LinkedOnlyThroughOneStrongIdentifier_NoRing()
    {
        var edges = Users(10).SelectMany(user => new[] { Edge(user, LinkKind.DeviceId, "kiosk"), Edge(user, LinkKind.Ip, "203.0.113.9") });

        Assert.Empty(_detector.Detect(edges));
    }

    [Fact]
    public void Detect_IdentifierSharedBeyondCap_LinksNobody()
    {
        var options = new RingDetectionOptions { MaxUsersPerEntity = 5 };
        var edges = Users(6).SelectMany(user => new[] { Edge(user, LinkKind.DeviceId, "d1"), Edge(user, LinkKind.Card, "c1") });

        Assert.Empty(new RingDetector(options).Detect(edges));
    }

    [Fact]
    public void Detect_TwoStrongLinks_RingWithEvidenceAndSpan()
    {
        var edges = Users(6).Select((user, i) => Edge(user, LinkKind.DeviceId, "d" + (i % 2), At.AddMinutes(i)))
            .Concat(Users(6).Select((user, i) => Edge(user, LinkKind.Card, "411111|0001", At.AddHours(i))));

        var ring = Assert.Single(_detector.Detect(edges));

        Assert.Equal(Users(6), ring.Members);
        Assert.Equal(new RingLink(new LinkEntity(LinkKind.Card, "411111|0001"), 6), ring.Links[0]);
        Assert.Equal(At, ring.FirstSeen);
        Assert.Equal(At.AddHours(5), ring.LastSeen);
    }

    [Fact]
    public void Detect_SmallMerchantsCustomersSharingHouseholdTablets_NoRingInASmallTenant()
    {
        // 20 customers of one small merchant, in 10 couples each sharing a tablet: payee + tablet is two pieces of
        // evidence per customer. Under the fixed cap the merchant joins them into a "ring"; as 20 of 300 users it is a merchant.
        var edges = Users(20).SelectMany((user, i) => new[] { Edge(user, LinkKind.PayeeAccount, "merchant-1"), Edge(user, LinkKind.DeviceId, "tablet-" + (i / 2)) }).ToList();

        Assert.Single(_detector.Detect(edges));
        Assert.Empty(_detector.Detect(edges, tenantUsers: 300));
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    public void Detect_SmallTenantWithARing_FindsExactlyTheRing(int seed)
    {
        // A small tenant: 300 normal users (payees paid by more than 3 of them are merchants) and a ring of 8.
        var population = SyntheticPopulation.NormalDay(seed, users: 300).WithRing(accounts: 8, devices: 3, cards: 2);

        var ring = Assert.Single(_detector.Detect(population.Records.SelectMany(RingEdges.Of), tenantUsers: 300 + 8));

        var score = MembershipScore.Of(ring.Members, population.RingMembers);
        Assert.Equal(1.0, score.Precision);
        Assert.Equal(1.0, score.Recall);
    }

    [Theory]
    [InlineData(10_000, LinkKind.PayeeAccount, 50)]
    [InlineData(300, LinkKind.PayeeAccount, 3)]
    [InlineData(20, LinkKind.PayeeAccount, 1)]
    [InlineData(300, LinkKind.DeviceId, 50)]
    [InlineData(300, LinkKind.Ip, 8)]
    public void CapFor_TenantSize_PayeeCapIsAShareOfTheUsers(long tenantUsers, LinkKind kind, int cap) =>
        Assert.Equal(cap, new RingDetectionOptions().CapFor(kind, tenantUsers));

    private static string[] Users(int count) => [.. Enumerable.Range(0, count).Select(i => "u" + i)];

    private static RingEdge Edge(string user, LinkKind kind, string value, DateTimeOffset? at = null) => new(user, new LinkEntity(kind, value), at ?? At);
}
