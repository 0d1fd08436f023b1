using RiskFunctions.Domain.Scoring;
using RiskFunctions.Domain.Scoring.Reputation;

namespace RiskFunctions.Domain.Tests.Scoring;

public sealed class RiskScorerTests
{
    private static readonly DateTimeOffset Later = ScoringScenario.Start.AddDays(30);
    private readonly RiskScorer _scorer = new(new ScoringModelOptions());

    private static ScoringScenario EstablishedAlice() => new ScoringScenario().Crowd(40).History("alice", 20);

    private RiskAssessment Score(ScoringInput input) => _scorer.Score(input, ScoreBands.Default);

    [Fact]
    public void Score_KnownUserOnKnownDeviceAndNetwork_IsTrusted()
    {
        var scenario = EstablishedAlice();

        var assessment = Score(scenario.Input(ScoringScenario.HomeLogin("alice", Later)));

        Assert.Equal(RiskDecision.Trust, assessment.Recommendation);
        Assert.True(assessment.TrustEligible);
        Assert.Empty(assessment.Reasons);
        Assert.Empty(assessment.Threats);
        Assert.True(assessment.RiskScore <= ScoreBands.Default.TrustMax, $"score {assessment.RiskScore}");
    }

    [Fact]
    public void Score_UnknownUser_IsNeverTrusted()
    {
        var scenario = new ScoringScenario().Crowd(40);

        var assessment = Score(scenario.Input(ScoringScenario.HomeLogin("newcomer", Later)));

        Assert.Equal(RiskDecision.Allow, assessment.Recommendation);
        Assert.False(assessment.TrustEligible);
        Assert.Contains(ReasonCode.ProfileUserNew, assessment.Reasons);
    }

    [Fact]
    public void Score_AnonymousAction_IsNeverTrusted()
    {
        var scenario = EstablishedAlice();
        var action = ScoringScenario.HomeLogin("alice", Later) with { UserId = null };

        var assessment = Score(scenario.Input(action));

        Assert.False(assessment.TrustEligible);
        Assert.NotEqual(RiskDecision.Trust, assessment.Recommendation);
    }

    [Fact]
    public void Score_RegistrationOfNewUser_IsAllowedWithoutNewUserReason()
    {
        var scenario = new ScoringScenario().Crowd(40);
        var action = ScoringScenario.HomeLogin("newcomer", Later) with { ActionType = "register" };

        var assessment = Score(scenario.Input(action));

        Assert.Equal(RiskDecision.Allow, assessment.Recommendation);
        Assert.DoesNotContain(ReasonCode.ProfileUserNew, assessment.Reasons);
    }

    [Fact]
    public void Score_KnownUserFromNewDeviceCountryAndBrowser_IsChallengedAsTakeover()
    {
        var scenario = EstablishedAlice();

        var assessment = Score(scenario.Input(ScoringScenario.TravelLogin("alice", Later)));

        Assert.Equal(RiskDecision.Challenge, assessment.Recommendation);
        Assert.Contains(ReasonCode.ProfileDeviceNew, assessment.Reasons);
        Assert.Contains(ReasonCode.ProfileCountryNew, assessment.Reasons);
        Assert.Contains(ThreatCode.AccountTakeover, assessment.Threats);
        Assert.DoesNotContain(ReasonCode.ProfileNetworkNew, assessment.Reasons);
        Assert.DoesNotContain(ReasonCode.ProfileIpNew, assessment.Reasons);
    }

    [Fact]
    public void Score_KnownUserOnNewIpOfHomeNetwork_IsAllowed()
    {
        var scenario = EstablishedAlice();
        var action = ScoringScenario.HomeLogin("alice", Later) with { Network = new NetworkFacts("81.2.69.200", "GB", "AS2856") };

        var assessment = Score(scenario.Input(action));

        Assert.True(assessment.Recommendation is RiskDecision.Allow or RiskDecision.Trust, assessment.Recommendation.ToString());
        Assert.DoesNotContain(ReasonCode.ProfileCountryNew, assessment.Reasons);
        Assert.DoesNotContain(ThreatCode.AccountTakeover, assessment.Threats);
    }

    [Fact]
    public void Score_KnownUserOnNewDeviceAtHome_IsAllowedButNamesTheDevice()
    {
        var scenario = EstablishedAlice();
        var action = ScoringScenario.HomeLogin("alice", Later) with { DeviceId = "new-laptop", DeviceFingerprint = "fp-new-laptop" };

        var assessment = Score(scenario.Input(action));

        Assert.Equal(RiskDecision.Allow, assessment.Recommendation);
        Assert.Contains(ReasonCode.ProfileDeviceNew, assessment.Reasons);
        Assert.False(assessment.TrustEligible);
    }

    [Fact]
    public void Score_TorAndAutomation_IsDeniedAsBotAttack()
    {
        var scenario = new ScoringScenario().Crowd(40);
        var action = ScoringScenario.HomeLogin("victim", Later) with
        {
            NetworkFlags = NetworkRiskFlags.Tor,
            Client = ScoringScenario.HomeLogin("victim", Later).Client with { IsAutomation = true },
            Behavior = new BehaviorFacts(NoUserInteraction: true, null, null, null, null),
        };

        var assessment = Score(scenario.Input(action));

        Assert.Equal(RiskDecision.Deny, assessment.Recommendation);
        Assert.Contains(ReasonCode.BehaviorBot, assessment.Reasons);
        Assert.Contains(ReasonCode.IpTor, assessment.Reasons);
        Assert.Contains(ThreatCode.BotAttack, assessment.Threats);
        Assert.Equal(assessment.Reasons.Count, assessment.Reasons.Distinct().Count());
    }

    [Fact]
    public void Score_CredentialStuffingFromOneIp_NamesVelocityAndThreat()
    {
        var scenario = new ScoringScenario().Crowd(40);
        var history = new HistoryCounts(
            IpActionRate60Sec: 60, UserActionRate60Sec: 0, DeviceActionRate60Sec: 0,
            IpUserCountLastHour: 150, IpDeviceCountLastHour: 3, LinkingDeviceToUsersCount: 1, LinkingUserToDeviceCount: 1);

        var assessment = Score(scenario.Input(ScoringScenario.HomeLogin("victim", Later), history));

        Assert.Contains(ReasonCode.VelocityIpHigh, assessment.Reasons);
        Assert.Contains(ReasonCode.IpManyUsers, assessment.Reasons);
        Assert.Contains(ThreatCode.CredentialStuffing, assessment.Threats);
        Assert.Contains(ThreatCode.BotAttack, assessment.Threats);
        Assert.True(assessment.Recommendation is RiskDecision.Challenge or RiskDecision.Deny, assessment.Recommendation.ToString());
    }

    [Fact]
    public void Score_DeviceSharedByManyUsers_NamesMultiAccounting()
    {
        var scenario = new ScoringScenario().Crowd(40);
        var history = new HistoryCounts(0, 0, 0, 0, 0, LinkingDeviceToUsersCount: 12, LinkingUserToDeviceCount: 1);
        var action = ScoringScenario.HomeLogin("fresh", Later) with { ActionType = "register" };

        var assessment = Score(scenario.Input(action, history));

        Assert.Contains(ReasonCode.DeviceManyUsers, assessment.Reasons);
        Assert.Contains(ThreatCode.MultiAccounting, assessment.Threats);
        Assert.Contains(ThreatCode.NewFraudAccount, assessment.Threats);
    }

    [Theory]
    [InlineData(DeviceRiskFlags.Tampered)]
    [InlineData(DeviceRiskFlags.Emulated)]
    [InlineData(DeviceRiskFlags.Spoofed)]
    public void Score_SuspiciousDeviceAttribute_IsNamed(DeviceRiskFlags flag)
    {
        var scenario = EstablishedAlice();
        var action = ScoringScenario.HomeLogin("alice", Later) with { DeviceFlags = flag };

        var assessment = Score(scenario.Input(action));

        Assert.Contains(ReasonCode.DeviceSuspiciousAttribute, assessment.Reasons);
        Assert.False(assessment.TrustEligible);
    }

    [Fact]
    public void Score_RiskyIpList_NamesRiskyReputation()
    {
        var scenario = new ScoringScenario().Crowd(10);
        var action = ScoringScenario.HomeLogin("bob", Later) with { NetworkFlags = NetworkRiskFlags.RiskyReputation };

        var assessment = Score(scenario.Input(action));

        Assert.Contains(ReasonCode.IpRiskyReputation, assessment.Reasons);
    }

    [Fact]
    public void Score_DeviceLabeledFraud_ShiftsScoreAndNamesLabel()
    {
        var scenario = EstablishedAlice();
        var clean = Score(scenario.Input(ScoringScenario.HomeLogin("alice", Later)));
        var labeled = ReputationSnapshot.Clean with
        {
            Device = EntityReputation.Clean.WithLabel(new ReputationLabel("l1", ReputationStanding.ConfirmedFraud, Later.AddDays(-1))),
        };

        var assessment = Score(scenario.Input(ScoringScenario.HomeLogin("alice", Later), reputation: labeled));

        Assert.Contains(ReasonCode.DeviceLabeledFraud, assessment.Reasons);
        Assert.True(assessment.RiskScore > clean.RiskScore);
        Assert.False(assessment.TrustEligible);
        Assert.NotEqual(RiskDecision.Trust, assessment.Recommendation);
    }

    [Fact]
    public void Score_UserLabeledTakeover_NamesTakeoverThreat()
    {
        var scenario = EstablishedAlice();
        var labeled = ReputationSnapshot.Clean with
        {
            User = EntityReputation.Clean.WithLabel(new ReputationLabel("l1", ReputationStanding.Takeover, Later.AddDays(-1))),
        };

        var assessment = Score(scenario.Input(ScoringScenario.HomeLogin("alice", Later), reputation: labeled));

        Assert.Contains(ReasonCode.UserLabeledTakeover, assessment.Reasons);
        Assert.Contains(ThreatCode.AccountTakeover, assessment.Threats);
    }

    [Fact]
    public void Score_LegitLabelAfterFraudLabel_SupersedesIt()
    {
        var scenario = EstablishedAlice();
        var device = EntityReputation.Clean
            .WithLabel(new ReputationLabel("l1", ReputationStanding.ConfirmedFraud, Later.AddDays(-2)))
            .WithLabel(new ReputationLabel("l2", ReputationStanding.ConfirmedLegit, Later.AddDays(-1)));

        var assessment = Score(scenario.Input(ScoringScenario.HomeLogin("alice", Later), reputation: ReputationSnapshot.Clean with { Device = device }));

        Assert.DoesNotContain(ReasonCode.DeviceLabeledFraud, assessment.Reasons);
        Assert.Equal(RiskDecision.Trust, assessment.Recommendation);
    }

    [Fact]
    public void Score_ContributionsAddUpToTheEvidence()
    {
        var scenario = EstablishedAlice();
        var action = ScoringScenario.TravelLogin("alice", Later) with { NetworkFlags = NetworkRiskFlags.Vpn };

        var assessment = Score(scenario.Input(action, new HistoryCounts(12, 7, 0, 2, 2, 2, 4)));

        Assert.Equal(assessment.LogOdds, assessment.Contributions.Sum(c => c.LogOdds), precision: 9);
        Assert.Equal(ScoreFactor.Prior, assessment.Contributions[0].Factor);
        Assert.Equal(ScoreCalibration.ToScore(assessment.LogOdds), assessment.RiskScore);
        Assert.All(assessment.Contributions, c => Assert.NotEqual(0, c.LogOdds));
        Assert.All(assessment.Contributions.Where(c => c.LogOdds < 0.4), c => Assert.True(c.Reason.IsNone));
    }

    [Fact]
    public void Score_SameInputTwice_GivesIdenticalAssessments()
    {
        var scenario = EstablishedAlice();
        var input = scenario.Input(ScoringScenario.TravelLogin("alice", Later), new HistoryCounts(12, 7, 0, 6, 2, 4, 4));

        var first = Score(input);
        var second = new RiskScorer(new ScoringModelOptions()).Score(input, ScoreBands.Default);

        Assert.Equal(first.RiskScore, second.RiskScore);
        Assert.Equal(first.LogOdds, second.LogOdds);
        Assert.Equal(first.Reasons, second.Reasons);
        Assert.Equal(first.Threats, second.Threats);
        Assert.Equal(first.Contributions, second.Contributions);
    }

    [Fact]
    public void Score_ReasonsAreOrderedStrongestFirst()
    {
        var scenario = EstablishedAlice();
        var action = ScoringScenario.TravelLogin("alice", Later) with { NetworkFlags = NetworkRiskFlags.Tor | NetworkRiskFlags.Vpn };

        var assessment = Score(scenario.Input(action));

        var strengths = assessment.Reasons
            .Select(r => assessment.Contributions.Where(c => c.Reason == r).Max(c => c.LogOdds))
            .ToList();
        Assert.Equal(strengths.OrderByDescending(s => s), strengths);
    }

    [Fact]
    public void Score_YoungTrustedLookingDevice_IsNotTrusted()
    {
        var scenario = new ScoringScenario().Crowd(40);
        var now = ScoringScenario.Start.AddHours(2);
        for (var i = 0; i < 5; i++)
        {
            scenario.Feed(ScoringScenario.HomeLogin("carol", ScoringScenario.Start.AddMinutes(i)));
        }

        var assessment = Score(scenario.Input(ScoringScenario.HomeLogin("carol", now)));

        Assert.False(assessment.TrustEligible);
        Assert.NotEqual(RiskDecision.Trust, assessment.Recommendation);
    }

    [Fact]
    public void Score_KnownFingerprintWithoutDeviceId_IsNotTrusted()
    {
        var scenario = EstablishedAlice();
        var action = ScoringScenario.HomeLogin("alice", Later) with { DeviceId = null };

        var assessment = Score(scenario.Input(action));

        Assert.False(assessment.TrustEligible);
    }

    [Fact]
    public void Score_NewAccountMovingMoney_NamesAccountNew()
    {
        var scenario = new ScoringScenario().Crowd(40);
        scenario.Feed(ScoringScenario.HomeLogin("mallory", Later.AddHours(-2)) with { ActionType = "register" });
        var action = ScoringScenario.HomeLogin("mallory", Later) with { ActionType = "withdraw", NetworkFlags = NetworkRiskFlags.Hosting };

        var assessment = Score(scenario.Input(action));

        Assert.Contains(ReasonCode.AccountNew, assessment.Reasons);
        Assert.Contains(ThreatCode.NewFraudAccount, assessment.Threats);
    }

    [Fact]
    public void Score_TenantBands_DecideTheRecommendation()
    {
        var scenario = EstablishedAlice();
        var input = scenario.Input(ScoringScenario.TravelLogin("alice", Later));
        var strict = new ScoreBands { TrustMax = 5, ChallengeMin = 10, DenyMin = 20 };

        var assessment = _scorer.Score(input, strict);

        Assert.Equal(RiskDecision.Deny, assessment.Recommendation);
    }
}
