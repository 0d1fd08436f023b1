using RiskFunctions.Domain.FraudRings;

namespace RiskFunctions.Domain.Tests.FraudRings;

public sealed class RingIdentityTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    private static readonly DetectedRing Ring = new(["a", "b", "c", "d", "e"], [], At, At.AddHours(1));

    [Fact]
    public void Resolve_NoMemberInARing_NewWellFormedIdStableForTheSameGroup()
    {
        var first = RingIdentity.Resolve("t1", Ring, []);
        var again = RingIdentity.Resolve("t1", Ring with { Members = ["a", "b", "c", "d", "e", "f"] }, []);

        Assert.True(first.IsNew);
        Assert.True(RingIdentity.IsWellFormed(first.RingId));
        Assert.Equal(first.RingId, again.RingId);
        Assert.NotEqual(first.RingId, RingIdentity.Resolve("t2", Ring, []).RingId);
    }

    [Fact]
    public void Resolve_RingGrows_KeepsItsId()
    {
        var resolution = RingIdentity.Resolve("t1", Ring, [new RingMembership("ring_old", At.AddDays(-1))]);

        Assert.False(resolution.IsNew);
        Assert.Equal("ring_old", resolution.RingId);
        Assert.Equal(At.AddDays(-1), resolution.FirstSeen);
        Assert.Empty(resolution.MergedRingIds);
    }

    [Fact]
    public void Resolve_TwoRingsMerge_OlderSurvives()
    {
        var resolution = RingIdentity.Resolve("t1", Ring, [
            new RingMembership("ring_young", At.AddDays(-1)),
            new RingMembership("ring_elder", At.AddDays(-3)),
            new RingMembership("ring_young", At.AddDays(-1)),
        ]);

        Assert.Equal("ring_elder", resolution.RingId);
        Assert.Equal(["ring_young"], resolution.MergedRingIds);
    }

    [Theory]
    [InlineData("ring_0123456789abcdef01234567", true)]
    [InlineData("ring_0123456789ABCDEF01234567", false)]
    [InlineData("ring_0123", false)]
    [InlineData("camp_0123456789abcdef01234567", false)]
    [InlineData(null, false)]
    public void IsWellFormed_Shapes(string? value, bool expected) => Assert.Equal(expected, RingIdentity.IsWellFormed(value));
}
