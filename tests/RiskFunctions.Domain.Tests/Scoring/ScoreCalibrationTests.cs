using RiskFunctions.Domain.Scoring;

namespace RiskFunctions.Domain.Tests.Scoring;

public sealed class ScoreCalibrationTests
{
    [Theory]
    [InlineData(0, 50)]
    [InlineData(-2, 11.9)]
    [InlineData(2, 88.1)]
    [InlineData(-50, 0)]
    [InlineData(50, 100)]
    public void ToScore_KnownPoints_MatchTheDocumentedCurve(double logOdds, double score) =>
        Assert.Equal(score, ScoreCalibration.ToScore(logOdds));

    [Fact]
    public void ToLogOdds_InvertsToScore() =>
        Assert.Equal(73.2, ScoreCalibration.ToScore(ScoreCalibration.ToLogOdds(73.2)));

    [Fact]
    public void ToScore_NaN_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoreCalibration.ToScore(double.NaN));

    [Fact]
    public void RiskScorer_InvalidOptions_AreRejectedWithTheField()
    {
        var options = new ScoringModelOptions { IpActionRate = new VelocityWeight { Threshold = 0 } };

        var error = Assert.Throws<ArgumentException>(() => new RiskScorer(options));

        Assert.Contains("IpActionRate", error.Message, StringComparison.Ordinal);
    }
}
