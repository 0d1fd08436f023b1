using RiskFunctions.Domain.Scoring;

namespace RiskFunctions.Domain.Tests.Scoring;

public sealed class ProfileFeederTests
{
    private static readonly DateTimeOffset At = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ActionFacts Login(string ip, string country = "GB", string asn = "AS1", string device = "d1", DateTimeOffset? at = null) => new()
    {
        ActionType = "login",
        UserId = "u",
        DeviceId = device,
        Network = new NetworkFacts(ip, country, asn),
        OccurredAt = at ?? At,
    };

    private static UserProfile Feed(UserProfile profile, ActionFacts action, string actionId, int cap = ProfileFeeder.DefaultMaxValuesPerKind) =>
        profile.Apply(ProfileFeeder.Plan(profile, FeatureKeys.From(action), actionId, action.OccurredAt, cap));

    [Fact]
    public void Plan_FirstAction_CreatesValuesTotalsAndChildren()
    {
        var update = ProfileFeeder.Plan(UserProfile.Empty("u"), FeatureKeys.From(Login("1.1.1.1")), "a1", At);

        Assert.True(update.IsNewUser);
        Assert.Equal(1, update.ActionCount);
        Assert.Contains((FeatureKind.Country, new KindTotals(1, 1)), update.Totals);
        var country = Assert.Single(update.Upserts, v => v.Kind == FeatureKind.Country);
        Assert.Equal(new FeatureStats(1, 1, At, At), country.Stats);
        var asn = Assert.Single(update.Upserts, v => v.Kind == FeatureKind.Asn);
        Assert.Equal(1, asn.Stats.Children);
        Assert.Equal(4, update.Present.Count);
    }

    [Fact]
    public void Plan_RepeatedAndNewValues_CountOccurrencesAndDistinctChildren()
    {
        var profile = UserProfile.Empty("u");
        profile = Feed(profile, Login("1.1.1.1"), "a1");
        profile = Feed(profile, Login("1.1.1.1", at: At.AddHours(1)), "a2");
        profile = Feed(profile, Login("1.1.1.2", at: At.AddHours(2)), "a3");

        Assert.Equal(3, profile.ActionCount);
        Assert.True(profile.TryGet(FeatureKind.Asn, "GB|AS1", out var asn));
        Assert.Equal(3, asn.Count);
        Assert.Equal(2, asn.Children);
        Assert.True(profile.TryGet(FeatureKind.Ip, "GB|AS1|1.1.1.1", out var ip));
        Assert.Equal(2, ip.Count);
        Assert.Equal(At, ip.FirstSeen);
        Assert.Equal(At.AddHours(1), ip.LastSeen);
        Assert.Equal(new KindTotals(3, 1), profile.Totals(FeatureKind.Country));
        Assert.Equal(new KindTotals(3, 1), profile.Totals(FeatureKind.Device));
    }

    [Fact]
    public void Plan_SameActionTwice_IsANoOp()
    {
        var profile = Feed(UserProfile.Empty("u"), Login("1.1.1.1"), "a1");

        var again = ProfileFeeder.Plan(profile, FeatureKeys.From(Login("1.1.1.1")), "a1", At);

        Assert.True(again.Applied);
        Assert.Empty(again.Upserts);
        Assert.Empty(again.Present);
    }

    [Fact]
    public void Plan_BeyondCap_EvictsLeastRecentlySeenValue()
    {
        var profile = UserProfile.Empty("u");
        profile = Feed(profile, Login("1.1.1.1", device: "old", at: At), "a1", cap: 2);
        profile = Feed(profile, Login("1.1.1.1", device: "mid", at: At.AddDays(1)), "a2", cap: 2);

        var update = ProfileFeeder.Plan(profile, FeatureKeys.From(Login("1.1.1.1", device: "new", at: At.AddDays(2))), "a3", At.AddDays(2), 2);

        Assert.Equal((FeatureKind.Device, "old"), Assert.Single(update.Evictions));
        Assert.Contains((FeatureKind.Device, new KindTotals(3, 3)), update.Totals);
    }

    [Fact]
    public void Plan_OutOfOrderAction_KeepsEarliestFirstSeenAndLatestLastSeen()
    {
        var profile = Feed(UserProfile.Empty("u"), Login("1.1.1.1", at: At.AddDays(5)), "a1");

        profile = Feed(profile, Login("1.1.1.1", at: At), "a2");

        Assert.Equal(At, profile.FirstSeen);
        Assert.Equal(At.AddDays(5), profile.LastSeen);
        Assert.True(profile.TryGet(FeatureKind.Device, "d1", out var device));
        Assert.Equal(At.AddDays(5), device.LastSeen);
    }
}
