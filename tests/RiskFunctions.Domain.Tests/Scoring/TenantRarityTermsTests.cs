using RiskFunctions.Domain.Scoring;

namespace RiskFunctions.Domain.Tests.Scoring;

public sealed class TenantRarityTermsTests
{
    private static readonly DateTimeOffset Later = ScoringScenario.Start.AddDays(30);
    private static readonly ScoringModelOptions Options = new();
    private readonly RiskScorer _scorer = new(Options);

    /// <summary>Alice's 20 home logins and a crowd of 40 users all behind one shared address (81.2.69.18).</summary>
    private static ScoringScenario Tenant() => new ScoringScenario().Crowd(40).History("alice", 20);

    private static ActionFacts AliceFrom(string ip, string asn = "AS2856") =>
        ScoringScenario.HomeLogin("alice", Later) with { Network = new NetworkFacts(ip, "GB", asn) };

    private RiskAssessment Score(ScoringInput input) => _scorer.Score(input, ScoreBands.Default);

    private static ScoreContribution? Rarity(RiskAssessment assessment) =>
        assessment.Contributions.Where(c => c.Factor == ScoreFactor.TenantRarity).Select(c => (ScoreContribution?)c).SingleOrDefault();

    [Fact]
    public void Score_UnseenIpCommonInTenant_ScoresLowerThanUnseenIpRareInTenant()
    {
        var scenario = Tenant();

        var common = Score(scenario.Input(AliceFrom("81.2.69.18")));
        var rare = Score(scenario.Input(AliceFrom("81.2.69.201")));

        Assert.True(common.RiskScore < rare.RiskScore, $"common {common.RiskScore}, rare {rare.RiskScore}");
        Assert.Contains(ReasonCode.ProfileIpNew, rare.Reasons);
        Assert.Contains(ReasonCode.IpRareInTenant, rare.Reasons);
        Assert.DoesNotContain(ReasonCode.IpRareInTenant, common.Reasons);
    }

    [Fact]
    public void Score_IpNeverSeenInTenant_AddsTheDocumentedRiskWithItsReason()
    {
        var assessment = Score(Tenant().Input(AliceFrom("81.2.69.201")));

        var term = Assert.IsType<ScoreContribution>(Rarity(assessment));
        Assert.Equal(0.5 * Math.Log(4.5 / 0.5), term.LogOdds, 9);
        Assert.Equal(0, term.Observed);
        Assert.Equal(ReasonCode.IpRareInTenant, term.Reason);
    }

    [Fact]
    public void Score_UnseenIpSharedByManyUsers_LowersTheRiskWithinTheFloor()
    {
        var assessment = Score(Tenant().Input(AliceFrom("81.2.69.18")));

        var term = Assert.IsType<ScoreContribution>(Rarity(assessment));
        Assert.Equal(Options.TenantRarity.Min, term.LogOdds);
        Assert.Equal(120, term.Observed);
        Assert.True(term.Reason.IsNone);
    }

    [Fact]
    public void Score_IpAndNetworkNeverSeenInTenant_StaysWithinTheCap()
    {
        var options = new ScoringModelOptions { TenantRarity = new TermWeight { Weight = 5, Min = -1, Max = 1.5 } };
        var scenario = Tenant();

        var assessment = new RiskScorer(options).Score(scenario.Input(AliceFrom("198.51.100.7", "AS64500")), ScoreBands.Default);

        Assert.Equal(1.5, Assert.IsType<ScoreContribution>(Rarity(assessment)).LogOdds);
    }

    [Fact]
    public void Score_UnseenIpInANetworkTheUserNeverShowed_IsRiskierThanInTheHomeNetwork()
    {
        var scenario = Tenant();

        var home = Rarity(Score(scenario.Input(AliceFrom("81.2.69.201"))))!.Value;
        var foreign = Rarity(Score(scenario.Input(AliceFrom("81.2.69.201", "AS64500"))))!.Value;

        Assert.True(foreign.LogOdds > home.LogOdds, $"home {home.LogOdds}, foreign {foreign.LogOdds}");
    }

    [Fact]
    public void Score_IpTheUserHasShown_LeavesItToTheProfile()
    {
        var assessment = Score(Tenant().Input(ScoringScenario.HomeLogin("alice", Later)));

        Assert.Null(Rarity(assessment));
    }

    [Fact]
    public void Score_NewUserFromFreshIp_ScoresHigherThanFromTheSharedIp()
    {
        var scenario = new ScoringScenario().Crowd(40);
        var shared = ScoringScenario.HomeLogin("newcomer", Later);
        var fresh = shared with { Network = new NetworkFacts("198.51.100.7", "GB", "AS2856") };

        var atShared = Score(scenario.Input(shared));
        var atFresh = Score(scenario.Input(fresh));

        Assert.True(atShared.RiskScore < atFresh.RiskScore, $"shared {atShared.RiskScore}, fresh {atFresh.RiskScore}");
        Assert.Contains(ReasonCode.IpRareInTenant, atFresh.Reasons);
    }

    [Fact]
    public void Score_AnonymousAction_HasNoRarityTerm()
    {
        var action = AliceFrom("198.51.100.7") with { UserId = null };

        Assert.Null(Rarity(Score(Tenant().Input(action))));
    }

    [Fact]
    public void RiskScorer_NegativeCommonCount_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new RiskScorer(new ScoringModelOptions { CommonIpCount = -1 }));

        Assert.Contains("CommonIpCount", error.Message, StringComparison.Ordinal);
    }
}
