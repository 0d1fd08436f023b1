using Azure;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Storage.Profiles;
using RiskFunctions.Testing.Time;

namespace RiskFunctions.Storage.Tests.Profiles;

public sealed class ProfileSnapshotCacheTests
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    private static ProfileSnapshot Snapshot(string userId) => ProfileSnapshot.Written(UserProfile.Empty(userId), new ETag("W/\"1\""));

    [Fact]
    public void Get_AnotherTenantsUser_IsNotKept()
    {
        using var cache = new ProfileSnapshotCache(_time);
        var mine = Snapshot("alice");
        cache.Set("t-mine", "alice", mine);

        Assert.Same(mine, cache.Get("t-mine", "alice"));
        Assert.Null(cache.Get("t-theirs", "alice"));
    }

    [Fact]
    public void Get_AfterTheTimeToLive_IsGone()
    {
        using var cache = new ProfileSnapshotCache(_time);
        cache.Set("t", "bob", Snapshot("bob"));

        _time.Advance(ProfileSnapshotCache.TimeToLive + TimeSpan.FromSeconds(1));

        Assert.Null(cache.Get("t", "bob"));
    }

    [Fact]
    public void Set_Null_ForgetsTheProfile()
    {
        using var cache = new ProfileSnapshotCache(_time);
        cache.Set("t", "carol", Snapshot("carol"));

        cache.Set("t", "carol", snapshot: null);

        Assert.Null(cache.Get("t", "carol"));
    }
}
