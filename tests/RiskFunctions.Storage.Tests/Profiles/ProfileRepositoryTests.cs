using RiskFunctions.Domain.Scoring;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Profiles;

public sealed class ProfileRepositoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private ProfileRepository _profiles = null!;

    public async Task InitializeAsync() => _profiles = new ProfileRepository(await RiskTablesFixture.CreateAsync(azurite));

    public Task DisposeAsync() => Task.CompletedTask;

    internal static ActionFeatures Features(string ip = "192.0.2.1", string device = "device-1", string country = "US") =>
        FeatureKeys.From(new ActionFacts
        {
            ActionType = "login",
            UserId = "u",
            DeviceId = device,
            Network = new NetworkFacts(ip, country, "AS64496"),
            Client = new ClientFacts("Mozilla/5.0 Chrome/120", "desktop", "Windows", "10", "Chrome", "120", false),
            OccurredAt = At,
        });

    [Fact]
    public async Task FeedAsync_StoredProfile_EqualsTheSamePlanAppliedInMemory()
    {
        var expected = UserProfile.Empty("alice");
        for (var i = 0; i < 3; i++)
        {
            var features = Features(ip: "192.0.2." + (i % 2), device: "device-" + (i % 2));
            var at = At.AddHours(i);
            expected = expected.Apply(ProfileFeeder.Plan(expected, features, "a" + i, at));
            await _profiles.FeedAsync("t-feed", "alice", features, "a" + i, at);
        }

        var stored = await _profiles.GetAsync("t-feed", "alice");

        Assert.Equal(expected.ActionCount, stored.ActionCount);
        Assert.Equal(expected.FirstSeen, stored.FirstSeen);
        Assert.Equal(expected.LastSeen, stored.LastSeen);
        Assert.Equal(expected.RecentActionIds, stored.RecentActionIds);
        foreach (var kind in FeatureKinds.All)
        {
            Assert.Equal(expected.Totals(kind), stored.Totals(kind));
            Assert.Equal(expected.Values(kind).OrderBy(v => v.Key, StringComparer.Ordinal), stored.Values(kind).OrderBy(v => v.Key, StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task FeedAsync_SameActionTwice_CountsOnce()
    {
        await _profiles.FeedAsync("t-replay", "bob", Features(), "a1", At);

        var again = await _profiles.FeedAsync("t-replay", "bob", Features(), "a1", At);

        Assert.True(again.Applied);
        Assert.Equal(1, (await _profiles.GetAsync("t-replay", "bob")).ActionCount);
    }

    [Fact]
    public async Task FeedAsync_ConcurrentFeedsOfOneUser_LoseNoCount()
    {
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            _profiles.FeedAsync("t-race", "carol", Features(ip: "192.0.2." + i), "a" + i, At.AddMinutes(i))));

        var profile = await _profiles.GetAsync("t-race", "carol");

        Assert.Equal(12, profile.ActionCount);
        Assert.Equal(new KindTotals(12, 1), profile.Totals(FeatureKind.Country));
        Assert.True(profile.TryGet(FeatureKind.Asn, "US|AS64496", out var asn));
        Assert.Equal(12, asn.Count);
        Assert.Equal(12, asn.Children);
        Assert.Equal(12, profile.Values(FeatureKind.Ip).Count);
    }

    [Fact]
    public async Task GetAsync_UnknownUserOrOtherTenant_IsEmpty()
    {
        await _profiles.FeedAsync("t-mine", "dave", Features(), "a1", At);

        Assert.False((await _profiles.GetAsync("t-theirs", "dave")).IsKnown);
        Assert.False((await _profiles.GetAsync("t-mine", "nobody")).IsKnown);
    }

    [Theory]
    [InlineData("o'brien/\\#?")]
    [InlineData("~tilde|pipe%")]
    public async Task FeedAsync_HostileUserAndDeviceIds_RoundTrip(string id)
    {
        var features = Features(device: id);
        await _profiles.FeedAsync("t-hostile", id, features, "a1", At);

        var profile = await _profiles.GetAsync("t-hostile", id);

        Assert.True(profile.TryGet(FeatureKind.Device, features[FeatureKind.Device]!, out var device));
        Assert.Equal(1, device.Count);
    }
}
