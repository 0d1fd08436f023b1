using RiskFunctions.Storage.Profiles;
using RiskFunctions.Testing.Azurite;

namespace RiskFunctions.Storage.Tests.Profiles;

/// <summary>
/// Concurrent reads of one user's profile on an instance share a request, and never hide from a caller a feed this
/// instance finished before the caller asked.
/// </summary>
public sealed class ProfileSharedReadTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadAsync_ConcurrentReadsOfOneProfile_SendOneRequest()
    {
        var (profiles, log, hold) = await InstanceAsync();
        await profiles.FeedAsync("t-profile-shared", "alice", ProfileRepositoryTests.Features(), "a1", At);
        log.Clear();
        hold.Arm();

        var first = profiles.ReadAsync("t-profile-shared", "alice");
        await hold.Answered;
        var others = Enumerable.Range(0, 5).Select(_ => profiles.ReadAsync("t-profile-shared", "alice")).ToList();
        hold.Release();

        var read = await Task.WhenAll(others.Prepend(first));
        Assert.All(read, snapshot => Assert.Equal(1, snapshot.Profile.ActionCount));
        Assert.Equal(1, log.PointReadsOf(ProfilesTable.ProfileRowKey));
    }

    [Fact]
    public async Task ReadAsync_AfterAFeedOfTheUserOnThisInstance_ReadsAgainAndSeesIt()
    {
        var (profiles, log, hold) = await InstanceAsync();
        hold.Arm();

        var before = profiles.ReadAsync("t-profile-fed", "bob");
        await hold.Answered;
        await profiles.FeedAsync("t-profile-fed", "bob", ProfileRepositoryTests.Features(), "a1", At);
        var after = profiles.ReadAsync("t-profile-fed", "bob");
        hold.Release();

        Assert.False((await before).Profile.IsKnown);
        Assert.Equal(1, (await after).Profile.ActionCount);
    }

    [Fact]
    public async Task ReadAsync_OfAnotherUserOrTenant_IsNotShared()
    {
        var (profiles, log, hold) = await InstanceAsync();
        await profiles.FeedAsync("t-profile-a", "carol", ProfileRepositoryTests.Features(), "a1", At);
        log.Clear();
        hold.Arm();

        var first = profiles.ReadAsync("t-profile-a", "carol");
        await hold.Answered;
        var otherTenant = await profiles.ReadAsync("t-profile-b", "carol");
        var otherUser = await profiles.ReadAsync("t-profile-a", "dave");
        hold.Release();
        await first;

        Assert.False(otherTenant.Profile.IsKnown);
        Assert.False(otherUser.Profile.IsKnown);
        Assert.Equal(3, log.PointReadsOf(ProfilesTable.ProfileRowKey));
    }

    private async Task<(ProfileRepository Profiles, TableRequestLog Log, HoldFirstAnswer Hold)> InstanceAsync()
    {
        var log = new TableRequestLog();
        var hold = HoldFirstAnswer.PointReadOf(ProfilesTable.ProfileRowKey);
        return (new ProfileRepository(await RiskTablesFixture.CreateAsync(azurite, log, hold)), log, hold);
    }
}
