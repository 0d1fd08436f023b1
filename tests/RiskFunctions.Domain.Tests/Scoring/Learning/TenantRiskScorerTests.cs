using RiskFunctions.Domain.Scoring;
using RiskFunctions.Domain.Scoring.Learning;

namespace RiskFunctions.Domain.Tests.Scoring.Learning;

public sealed class TenantRiskScorerTests
{
    private static readonly TenantRiskScorer Scorer = new(new ScoringModelOptions());

    [Fact]
    public void Score_FreshTenantWithoutModel_AllowsNewUserFromOrdinaryNetworkAndDevice()
    {
        // A tenant's very first user: no model, no population, nothing known about the address.
        var scenario = new ScoringScenario();
        var register = ScoringScenario.HomeLogin("first-user", ScoringScenario.Start) with { ActionType = "register" };
        var purchase = ScoringScenario.HomeLogin("first-user", ScoringScenario.Start.AddMinutes(3)) with { ActionType = "transaction" };

        var atRegistration = Scorer.Score(scenario.Input(register), ScoreBands.Default, model: null);
        scenario.Feed(register);
        var atPurchase = Scorer.Score(scenario.Input(purchase), ScoreBands.Default, model: null);

        Assert.Equal(RiskDecision.Allow, atRegistration.Recommendation);
        Assert.Equal(RiskDecision.Allow, atPurchase.Recommendation);
        Assert.Equal(RiskAssessment.HandTunedModel, atPurchase.Model);
    }

    [Fact]
    public void Score_WithModel_TermsAddUpToTheModelsEvidenceAndNameReasons()
    {
        var scenario = new ScoringScenario().Crowd(10).History("alice", 20);
        var input = scenario.Input(ScoringScenario.TravelLogin("alice", ScoringScenario.Start.AddDays(30)));
        var model = new FixedModel(start: -3, (RiskFeature.ProfileCountry, 1.5), (RiskFeature.AccountAge, -0.25), (RiskFeature.ActionLogin, 0.1));

        var assessment = Scorer.Score(input, model.Bands, model);

        Assert.Equal(-3 + 1.5 - 0.25 + 0.1, assessment.LogOdds, 9);
        Assert.Equal(assessment.LogOdds, assessment.Contributions.Sum(c => c.LogOdds), 9);
        Assert.Equal("test-model", assessment.Model);
        Assert.Equal([ReasonCode.ProfileCountryNew], assessment.Reasons);
        var prior = Assert.Single(assessment.Contributions, c => c.Factor == ScoreFactor.Prior);
        Assert.Equal(-2.9, prior.LogOdds, 9);
        Assert.Equal(ScoreCalibration.ToScore(assessment.LogOdds), assessment.RiskScore);
    }

    [Fact]
    public void Score_WithModel_TermTheHandTunedModelLeftSilentNamesTheFactorsReason()
    {
        // A purchase 8 days after signup: the hand-tuned ACCOUNT_NEW step is over, the learned age term is not.
        var scenario = new ScoringScenario().Crowd(10).History("bob", 1);
        var purchase = ScoringScenario.HomeLogin("bob", ScoringScenario.Start.AddDays(8)) with { ActionType = "transaction" };
        var model = new FixedModel(start: -2, (RiskFeature.AccountAge, 1.0));

        var assessment = Scorer.Score(scenario.Input(purchase), ScoreBands.Default, model);

        Assert.Contains(ReasonCode.AccountNew, assessment.Reasons);
    }

    [Fact]
    public void Score_KeepingTheVector_SameAssessmentAndTheSameVectorWithOrWithoutAModel()
    {
        var scenario = new ScoringScenario().Crowd(10).History("alice", 20);
        var input = scenario.Input(ScoringScenario.TravelLogin("alice", ScoringScenario.Start.AddDays(30)));
        var model = new FixedModel(start: -3, (RiskFeature.ProfileCountry, 1.5));
        var withoutModel = new float[RiskFeatures.Count];
        var withModel = new float[RiskFeatures.Count];

        var handTuned = Scorer.Score(input, ScoreBands.Default, model: null, withoutModel);
        var learned = Scorer.Score(input, model.Bands, model, withModel);

        Assert.Equal(Scorer.Score(input, ScoreBands.Default, model: null).LogOdds, handTuned.LogOdds, 12);
        Assert.Equal(Scorer.Score(input, model.Bands, model).LogOdds, learned.LogOdds, 12);
        Assert.Equal(withoutModel, withModel);
        Assert.True(withoutModel[(int)RiskFeature.ProfileCountry] > 0, "a new country is in the vector");
    }

    private sealed class FixedModel : IRiskModel
    {
        private readonly double _start;
        private readonly (RiskFeature Feature, double LogOdds)[] _terms;

        public FixedModel(double start, params (RiskFeature Feature, double LogOdds)[] terms)
        {
            _start = start;
            _terms = terms;
        }

        public string Version => "test-model";

        public ScoreBands Bands { get; } = new() { TrustMax = 5, ChallengeMin = 30, DenyMin = 70 };

        public double Explain(ReadOnlySpan<float> features, Span<double> contributions)
        {
            contributions.Clear();
            foreach (var (feature, logOdds) in _terms)
            {
                contributions[(int)feature] = logOdds;
            }

            return _start;
        }
    }
}
