using RiskFunctions.Domain.Scoring;

namespace RiskFunctions.Domain.Tests.Scoring;

public sealed class ScoreBandsTests
{
    [Theory]
    [InlineData(0, true, RiskDecision.Trust)]
    [InlineData(15, true, RiskDecision.Trust)]
    [InlineData(15.1, true, RiskDecision.Allow)]
    [InlineData(5, false, RiskDecision.Allow)]
    [InlineData(49.9, true, RiskDecision.Allow)]
    [InlineData(50, true, RiskDecision.Challenge)]
    [InlineData(84.9, false, RiskDecision.Challenge)]
    [InlineData(85, true, RiskDecision.Deny)]
    [InlineData(100, false, RiskDecision.Deny)]
    public void Decide_DefaultBands_MapScoreToRecommendation(double score, bool trustEligible, RiskDecision expected) =>
        Assert.Equal(expected, ScoreBands.Default.Decide(score, trustEligible));

    [Fact]
    public void Validate_Defaults_AreValid() => Assert.Empty(ScoreBands.Default.Validate());

    [Theory]
    [InlineData(50, 50, 85, "TrustMax")]
    [InlineData(10, 90, 85, "ChallengeMin")]
    [InlineData(-1, 50, 85, "TrustMax")]
    [InlineData(10, 50, 101, "DenyMin")]
    [InlineData(double.NaN, 50, 85, "TrustMax")]
    public void Validate_InconsistentBands_NameTheField(double trust, double challenge, double deny, string field)
    {
        var errors = new ScoreBands { TrustMax = trust, ChallengeMin = challenge, DenyMin = deny }.Validate();

        Assert.Contains(errors, e => e.StartsWith(field + ":", StringComparison.Ordinal));
    }
}
