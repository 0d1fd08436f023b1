using RiskFunctions.Domain.Scoring.Reputation;

namespace RiskFunctions.Domain.Tests.Scoring;

public sealed class EntityReputationTests
{
    private static readonly DateTimeOffset At = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WithLabel_NewerLabel_SupersedesStanding()
    {
        var reputation = EntityReputation.Clean
            .WithLabel(new ReputationLabel("l1", ReputationStanding.ConfirmedFraud, At))
            .WithLabel(new ReputationLabel("l2", ReputationStanding.ConfirmedLegit, At.AddDays(1)));

        Assert.Equal(ReputationStanding.ConfirmedLegit, reputation.Standing);
        Assert.Equal("l2", reputation.LabelId);
        Assert.Equal(1, reputation.FraudLabels);
        Assert.Equal(1, reputation.LegitLabels);
        Assert.False(reputation.IsNegative);
    }

    [Fact]
    public void WithLabel_OlderLabelDeliveredLate_IsCountedButDoesNotChangeStanding()
    {
        var reputation = EntityReputation.Clean
            .WithLabel(new ReputationLabel("l2", ReputationStanding.ConfirmedLegit, At.AddDays(1)))
            .WithLabel(new ReputationLabel("l1", ReputationStanding.ConfirmedFraud, At));

        Assert.Equal(ReputationStanding.ConfirmedLegit, reputation.Standing);
        Assert.Equal(1, reputation.FraudLabels);
    }

    [Fact]
    public void WithLabel_SameLabelTwice_ChangesNothing()
    {
        var label = new ReputationLabel("l1", ReputationStanding.SuspectedFraud, At);
        var once = EntityReputation.Clean.WithLabel(label);

        var twice = once.WithLabel(label);

        Assert.Same(once, twice);
        Assert.Equal(1, twice.FraudLabels);
    }

    [Fact]
    public void WithLabel_Undetermined_ClearsNegativeStanding()
    {
        var reputation = EntityReputation.Clean
            .WithLabel(new ReputationLabel("l1", ReputationStanding.Takeover, At))
            .WithLabel(new ReputationLabel("l2", ReputationStanding.Undetermined, At.AddMinutes(1)));

        Assert.False(reputation.IsNegative);
    }

    [Fact]
    public void WithLabel_SameTimestamp_LargerLabelIdWinsWhateverTheOrder()
    {
        var a = new ReputationLabel("a", ReputationStanding.ConfirmedFraud, At);
        var b = new ReputationLabel("b", ReputationStanding.ConfirmedLegit, At);

        Assert.Equal(
            EntityReputation.Clean.WithLabel(a).WithLabel(b).Standing,
            EntityReputation.Clean.WithLabel(b).WithLabel(a).Standing);
    }

    [Fact]
    public void WithLabel_NoStanding_IsRejected() =>
        Assert.Throws<ArgumentException>(() => EntityReputation.Clean.WithLabel(new ReputationLabel("l", ReputationStanding.None, At)));

    [Fact]
    public void RemembersEveryLabel_UntilTheRecentListFills()
    {
        var reputation = EntityReputation.Clean;
        for (var i = 0; i < EntityReputation.RecentLabelCapacity; i++)
        {
            Assert.True(reputation.RemembersEveryLabel);
            reputation = reputation.WithLabel(new ReputationLabel("l" + i, ReputationStanding.SuspectedFraud, At.AddMinutes(i)));
        }

        Assert.False(reputation.RemembersEveryLabel);
        var next = reputation.WithLabel(new ReputationLabel("new", ReputationStanding.SuspectedFraud, At.AddDays(1)));
        Assert.Equal(EntityReputation.RecentLabelCapacity, next.RecentLabelIds.Count);
        Assert.DoesNotContain("l0", next.RecentLabelIds);
    }
}
