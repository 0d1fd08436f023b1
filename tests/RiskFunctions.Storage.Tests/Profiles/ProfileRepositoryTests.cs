using Azure.Core;
using Azure.Data.Tables;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Storage.TableSupport;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Profiles;

public sealed class ProfileRepositoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private RiskTables _tables = null!;
    private ProfileRepository _profiles = null!;

    public async Task InitializeAsync()
    {
        _tables = await RiskTablesFixture.CreateAsync(azurite);
        _profiles = new ProfileRepository(_tables);
    }

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

        AssertSameProfile(expected, stored);
    }

    [Fact]
    public async Task FeedAsync_RowChangedBeforeEveryAttempt_GivesUpAsStorageUnavailable()
    {
        await _profiles.FeedAsync("t-busy", "carol", Features(), "a1", At);
        var row = ContendedRow.Create(
            azurite, _tables, ProfilesTable.ProfilesTableName, ProfilesTable.PartitionKey("t-busy", "carol"), ProfilesTable.ProfileRowKey,
            request => request.Method == RequestMethod.Put);
        var busy = new ProfileRepository(row.Tables);

        var failure = await Assert.ThrowsAsync<StorageUnavailableException>(() => busy.FeedAsync("t-busy", "carol", Features(device: "device-2"), "a2", At.AddHours(1)));

        // Asked to retry later (503), like any storage that cannot take the write now; not a fault of the code (500).
        Assert.Equal(503, failure.Status);
        Assert.Equal(ProfileRepository.MaxFeedAttempts, row.Races);
        Assert.Equal(1, (await _profiles.GetAsync("t-busy", "carol")).ActionCount);
    }

    [Fact]
    public async Task FeedAsync_SameActionTwice_CountsOnce()
    {
        await _profiles.FeedAsync("t-replay", "bob", Features(), "a1", At);

        var again = await _profiles.FeedAsync("t-replay", "bob", Features(), "a1", At);

        Assert.True(again.Applied);
        Assert.Equal(1, (await _profiles.GetAsync("t-replay", "bob")).ActionCount);
    }

    /// <summary>
    /// A feed that starts from a profile read earlier (as action/result starts from trigger-action's read) which another
    /// feed has changed since: its write loses, the profile is read again and fed on top, nothing lost or counted twice.
    /// </summary>
    [Fact]
    public async Task FeedAsync_FromAnOutOfDateSnapshot_ReadsAgainAndLosesNoCount()
    {
        await _profiles.FeedAsync("t-stale", "erin", Features(), "a1", At);
        var earlier = await _profiles.ReadAsync("t-stale", "erin");
        await _profiles.FeedAsync("t-stale", "erin", Features(ip: "192.0.2.2"), "a2", At.AddMinutes(1));

        var (update, after) = await _profiles.FeedAsync("t-stale", "erin", Features(ip: "192.0.2.3"), "a3", At.AddMinutes(2), earlier);

        Assert.False(update.Applied);
        var stored = await _profiles.GetAsync("t-stale", "erin");
        Assert.Equal(3, stored.ActionCount);
        Assert.Equal(3, stored.Values(FeatureKind.Ip).Count);
        Assert.Equal(3, after!.Profile.ActionCount);
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
    [InlineData("lone \ud800 surrogate")]
    public async Task FeedAsync_HostileUserAndDeviceIds_RoundTrip(string id)
    {
        var features = Features(device: id);
        await _profiles.FeedAsync("t-hostile", id, features, "a1", At);

        var profile = await _profiles.GetAsync("t-hostile", id);

        Assert.True(profile.TryGet(FeatureKind.Device, features[FeatureKind.Device]!, out var device));
        Assert.Equal(1, device.Count);
    }

    [Fact]
    public async Task FeedAsync_StoresTheWholeProfileInOneRow()
    {
        await _profiles.FeedAsync("t-row", "erin", Features(), "a1", At);
        await _profiles.FeedAsync("t-row", "erin", Features(ip: "192.0.2.99", device: "device-2"), "a2", At.AddHours(1));

        var rows = await ProfileRows("t-row", "erin");

        var row = Assert.Single(rows);
        Assert.Equal(ProfilesTable.ProfileRowKey, row.RowKey);
        Assert.True(ProfilesTable.HoldsValues(row));
    }

    [Fact]
    public async Task ReadAsync_ProfileOfTheEarlierRowPerValueLayout_IsReadWhole()
    {
        var expected = await WriteLegacyProfileAsync("t-legacy-read", "frank");

        var snapshot = await _profiles.ReadAsync("t-legacy-read", "frank");

        AssertSameProfile(expected, snapshot.Profile);
        Assert.NotEqual(default, snapshot.ETag);
    }

    [Fact]
    public async Task FeedAsync_ProfileOfTheEarlierLayout_IsRewrittenInOneRowWithNothingLost()
    {
        var legacy = await WriteLegacyProfileAsync("t-legacy-feed", "gina");
        var features = Features(ip: "192.0.2.50");
        var expected = legacy.Apply(ProfileFeeder.Plan(legacy, features, "new-action", At.AddDays(1)));

        var update = await _profiles.FeedAsync("t-legacy-feed", "gina", features, "new-action", At.AddDays(1));

        Assert.False(update.Applied);
        Assert.Single(await ProfileRows("t-legacy-feed", "gina"));
        AssertSameProfile(expected, await _profiles.GetAsync("t-legacy-feed", "gina"));
        Assert.True((await _profiles.FeedAsync("t-legacy-feed", "gina", Features(), "a0", At)).Applied);
    }

    [Fact]
    public void ProfileRow_AtTheCapsWithTheLongestKeys_FitsOneEntity()
    {
        // The longest key a client can cause: an identifier of 128 characters (longer ones are hashed) percent-encoded to
        // three times that. Network and client keys are built from enrichment and classifier names, far shorter. Doubled for margin.
        var builder = new UserProfile.Builder("u").WithSummary(1, At, At);
        foreach (var kind in FeatureKinds.All)
        {
            for (var i = 0; i < ProfileFeeder.DefaultMaxValuesPerKind; i++)
            {
                builder.WithValue(kind, i + new string('%', 2 * 3 * FeatureKeys.MaxRawComponentLength), new FeatureStats(i, i, At, At));
            }
        }

        var row = ProfilesTable.ToEntity(ProfilesTable.PartitionKey("t", "u"), builder.Build());

        Assert.InRange(TableEntityLimits.Validate(row), 1, TableEntityLimits.MaxEntityBytes);
    }

    private static void AssertSameProfile(UserProfile expected, UserProfile stored)
    {
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

    private async Task<List<TableEntity>> ProfileRows(string tenantId, string userId)
    {
        var table = _tables.GetTable(ProfilesTable.ProfilesTableName);
        return await table.QueryAsync<TableEntity>(e => e.PartitionKey == ProfilesTable.PartitionKey(tenantId, userId)).ToListAsync();
    }

    /// <summary>Two fed actions as earlier versions stored them: a summary row without values and a row per value.</summary>
    private async Task<UserProfile> WriteLegacyProfileAsync(string tenantId, string userId)
    {
        var profile = UserProfile.Empty(userId);
        profile = profile.Apply(ProfileFeeder.Plan(profile, Features(), "a0", At));
        profile = profile.Apply(ProfileFeeder.Plan(profile, Features(ip: "192.0.2.7", device: "o'ld|~dev"), "a1", At.AddMinutes(5)));
        var partitionKey = ProfilesTable.PartitionKey(tenantId, userId);
        var summary = ProfilesTable.ToEntity(partitionKey, profile);
        foreach (var name in summary.Keys.Where(name => name.StartsWith('V')).ToList())
        {
            summary.Remove(name);
        }

        var rows = new List<TableTransactionAction> { new(TableTransactionActionType.Add, summary) };
        foreach (var kind in FeatureKinds.All)
        {
            foreach (var (key, stats) in profile.Values(kind))
            {
                rows.Add(new(TableTransactionActionType.Add, new TableEntity(partitionKey, string.Concat(kind.Code(), "|", StorageKeys.Feature(key)))
                {
                    ["Key"] = key,
                    ["Count"] = stats.Count,
                    ["Children"] = stats.Children,
                    ["FirstSeen"] = stats.FirstSeen,
                    ["LastSeen"] = stats.LastSeen,
                }));
            }
        }

        await _tables.GetTable(ProfilesTable.ProfilesTableName).SubmitTransactionAsync(rows);
        Assert.True(rows.Count > 10);
        return profile;
    }
}
