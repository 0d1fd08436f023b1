using RiskFunctions.Domain.Scoring;
using RiskFunctions.Domain.Scoring.Learning;

namespace RiskFunctions.Domain.Tests.Scoring.Learning;

public sealed class RiskFeatureExtractorTests
{
    private static readonly RiskScorer HandTuned = new(new ScoringModelOptions());

    [Fact]
    public void Extract_PurchaseAfterSignup_AccountAgeGrowsContinuouslyWithTheDelay()
    {
        var seconds = Age(TimeSpan.FromSeconds(20));
        var hours = Age(TimeSpan.FromHours(5));
        var days = Age(TimeSpan.FromDays(6));

        Assert.Equal(Math.Log(21), seconds, 5);
        Assert.True(seconds < hours && hours < days);
    }

    [Fact]
    public void Extract_UnknownUser_HasNoAgeAndNoPreviousAction()
    {
        var scenario = new ScoringScenario();
        var features = Extract(scenario.Input(ScoringScenario.HomeLogin("nobody", ScoringScenario.Start)));

        Assert.Equal(0, features[(int)RiskFeature.AccountAge]);
        Assert.Equal(-1, features[(int)RiskFeature.SincePreviousAction]);
        Assert.Equal(1, features[(int)RiskFeature.ActionLogin]);
        Assert.True(features[(int)RiskFeature.NewUser] > 0);
    }

    [Fact]
    public void Extract_SameSecondBurst_CountsOtherActionsOfTheSecond()
    {
        var scenario = new ScoringScenario();
        var input = scenario.Input(ScoringScenario.HomeLogin("u", ScoringScenario.Start)) with
        {
            Learning = new LearningSignals(SameSecondIpActions: 7, 0, 0, NewAccountsOnIpLastHour: 3, 0, LinkedFraudOnIp: 0.5, 0),
        };

        var features = Extract(input);

        Assert.Equal(Math.Log(8), features[(int)RiskFeature.SameSecondIpActions], 5);
        Assert.Equal(Math.Log(4), features[(int)RiskFeature.NewAccountsOnIpLastHour], 5);
        Assert.Equal(0.5, features[(int)RiskFeature.LinkedFraudOnIp], 5);
    }

    [Fact]
    public void Factor_EveryFeature_MapsToAScoreTerm()
    {
        for (var i = 0; i < RiskFeatures.Count; i++)
        {
            var factor = RiskFeatures.Factor((RiskFeature)i);
            Assert.True(factor == ScoreFactor.Prior || !RiskFeatures.DefaultReason(factor).IsNone, ((RiskFeature)i).ToString());
        }
    }

    private static float Age(TimeSpan delay)
    {
        var scenario = new ScoringScenario();
        var register = ScoringScenario.HomeLogin("carol", ScoringScenario.Start) with { ActionType = "register" };
        scenario.Feed(register);
        var purchase = register with { ActionType = "transaction", OccurredAt = register.OccurredAt + delay };
        return Extract(scenario.Input(purchase))[(int)RiskFeature.AccountAge];
    }

    private static float[] Extract(ScoringInput input)
    {
        var features = new float[RiskFeatures.Count];
        RiskFeatureExtractor.Extract(input, HandTuned.Score(input, ScoreBands.Default).Contributions, features);
        return features;
    }
}
