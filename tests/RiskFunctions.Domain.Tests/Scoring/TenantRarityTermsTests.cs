using RiskFunctions.Domain.Scoring;

namespace RiskFunctions.Domain.Tests.Scoring;

public sealed class TenantRarityTermsTests
{
    private const string SharedIp = "81.2.69.18";
    private const string FreshIp = "198.51.100.7";
    private static readonly DateTimeOffset Later = ScoringScenario.Start.AddDays(30);
    private static readonly ScoringModelOptions Options = new();
    private readonly RiskScorer _scorer = new(Options);

    /// <summary>The same action as seen without IP intelligence: no country, no autonomous system.</summary>
    private static ActionFacts Bare(ActionFacts action, string? ip = null) =>
        action with { Network = new NetworkFacts(ip ?? action.Network.Ip, null, null) };

    /// <summary>
    /// A tenant without IP intelligence: a crowd of 40 users, 3 logins each, all behind one shared address
    /// (<see cref="SharedIp"/>), and Alice with 20 logins from her own.
    /// </summary>
    private static ScoringScenario TenantWithoutIpIntelligence()
    {
        var scenario = new ScoringScenario();
        for (var u = 0; u < 40; u++)
        {
            for (var i = 0; i < 3; i++)
            {
                scenario.Feed(Bare(ScoringScenario.HomeLogin("crowd" + u.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), ScoringScenario.Start.AddHours((u * 3) + i))));
            }
        }

        for (var i = 0; i < 20; i++)
        {
            scenario.Feed(Bare(ScoringScenario.HomeLogin("alice", ScoringScenario.Start.AddDays(i))));
        }

        return scenario;
    }

    private static ActionFacts AliceFrom(string ip, string? asn = "AS2856") =>
        ScoringScenario.HomeLogin("alice", Later) with { Network = new NetworkFacts(ip, "GB", asn) };

    private RiskAssessment Score(ScoringInput input) => _scorer.Score(input, ScoreBands.Default);

    private static ScoreContribution? Rarity(RiskAssessment assessment) =>
        assessment.Contributions.Where(c => c.Factor == ScoreFactor.TenantRarity).Select(c => (ScoreContribution?)c).SingleOrDefault();

    [Fact]
    public void Score_UnseenIpCommonInTenant_ScoresLowerThanUnseenIpRareInTenant()
    {
        var scenario = TenantWithoutIpIntelligence();
        var alice = ScoringScenario.HomeLogin("alice", Later);

        var common = Score(scenario.Input(Bare(alice, SharedIp)));
        var rare = Score(scenario.Input(Bare(alice, FreshIp)));

        Assert.True(common.RiskScore < rare.RiskScore, $"common {common.RiskScore}, rare {rare.RiskScore}");
        Assert.Contains(ReasonCode.ProfileIpNew, rare.Reasons);
        Assert.Contains(ReasonCode.IpRareInTenant, rare.Reasons);
        Assert.DoesNotContain(ReasonCode.IpRareInTenant, common.Reasons);
    }

    [Fact]
    public void Score_IpNeverSeenInTenant_AddsTheDocumentedRiskWithItsReason()
    {
        var assessment = Score(TenantWithoutIpIntelligence().Input(Bare(ScoringScenario.HomeLogin("alice", Later), FreshIp)));

        var term = Assert.IsType<ScoreContribution>(Rarity(assessment));
        Assert.Equal(0.5 * Math.Log(4.5 / 0.5), term.LogOdds, 9);
        Assert.Equal(0, term.Observed);
        Assert.Equal(ReasonCode.IpRareInTenant, term.Reason);
    }

    [Fact]
    public void Score_UnseenIpSharedByManyUsers_LowersTheRiskDownToTheFloor()
    {
        var assessment = Score(TenantWithoutIpIntelligence().Input(Bare(ScoringScenario.HomeLogin("alice", Later), SharedIp)));

        var term = Assert.IsType<ScoreContribution>(Rarity(assessment));
        Assert.Equal(Options.TenantRarity.Min, term.LogOdds);
        Assert.Equal(120, term.Observed);
        Assert.True(term.Reason.IsNone);
    }

    [Fact]
    public void Score_NewUserFromIpAndNetworkNeverSeenInTenant_StaysWithinTheCap()
    {
        var options = new ScoringModelOptions { TenantRarity = new TermWeight { Weight = 5, Min = -1, Max = 1.5 } };
        var scenario = new ScoringScenario().Crowd(40);
        var action = ScoringScenario.HomeLogin("newcomer", Later) with { Network = new NetworkFacts(FreshIp, "GB", "AS64500") };

        var assessment = new RiskScorer(options).Score(scenario.Input(action), ScoreBands.Default);

        Assert.Equal(1.5, Assert.IsType<ScoreContribution>(Rarity(assessment)).LogOdds);
    }

    [Fact]
    public void Score_NewUser_FreshIpOfARareNetworkOverFreshIpOfACommonNetworkOverTheSharedIp()
    {
        var scenario = new ScoringScenario().Crowd(40);
        var shared = ScoringScenario.HomeLogin("newcomer", Later);

        var atShared = Score(scenario.Input(shared));
        var atCommonNetwork = Score(scenario.Input(shared with { Network = new NetworkFacts(FreshIp, "GB", "AS2856") }));
        var atRareNetwork = Score(scenario.Input(shared with { Network = new NetworkFacts(FreshIp, "GB", "AS64500") }));

        Assert.True(atShared.RiskScore < atCommonNetwork.RiskScore, $"shared {atShared.RiskScore}, common network {atCommonNetwork.RiskScore}");
        Assert.True(atCommonNetwork.RiskScore < atRareNetwork.RiskScore, $"common network {atCommonNetwork.RiskScore}, rare network {atRareNetwork.RiskScore}");
        Assert.Contains(ReasonCode.IpRareInTenant, atRareNetwork.Reasons);
    }

    [Theory]
    [InlineData(SharedIp, 9.1)]
    [InlineData(FreshIp, 42.7)]
    public void Score_NewUserWithCleanSignals_MatchesTheDocumentedCalibration(string ip, double expected)
    {
        var scenario = new ScoringScenario().Crowd(40);
        var action = ScoringScenario.HomeLogin("newcomer", Later) with { Network = new NetworkFacts(ip, "GB", "AS2856") };

        var assessment = Score(scenario.Input(action));

        Assert.Equal(expected, assessment.RiskScore, 0.5);
        Assert.Equal(RiskDecision.Allow, assessment.Recommendation);
    }

    [Fact]
    public void Score_FreshIpInTheUsersOwnNetwork_LeavesItToTheProfile()
    {
        var scenario = new ScoringScenario().Crowd(40).History("alice", 20);

        var assessment = Score(scenario.Input(AliceFrom("81.2.69.201")));

        Assert.Null(Rarity(assessment));
        Assert.Contains(ReasonCode.ProfileIpNew, assessment.Reasons);
    }

    [Fact]
    public void Score_FreshIpInANetworkNewToTheUser_AddsRisk()
    {
        var scenario = new ScoringScenario().Crowd(40).History("alice", 20);

        var term = Assert.IsType<ScoreContribution>(Rarity(Score(scenario.Input(AliceFrom(FreshIp, "AS64500")))));

        Assert.True(term.LogOdds > 0, term.LogOdds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(term.LogOdds <= Options.TenantRarity.Max);
    }

    [Fact]
    public void Score_IpTheUserHasShown_LeavesItToTheProfile()
    {
        var assessment = Score(TenantWithoutIpIntelligence().Input(Bare(ScoringScenario.HomeLogin("alice", Later))));

        Assert.Null(Rarity(assessment));
    }

    [Fact]
    public void Score_AnonymousAction_HasNoRarityTerm()
    {
        var action = Bare(ScoringScenario.HomeLogin("alice", Later), FreshIp) with { UserId = null };

        Assert.Null(Rarity(Score(TenantWithoutIpIntelligence().Input(action))));
    }

    [Fact]
    public void RiskScorer_NegativeCommonCount_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new RiskScorer(new ScoringModelOptions { CommonIpCount = -1 }));

        Assert.Contains("CommonIpCount", error.Message, StringComparison.Ordinal);
    }
}
