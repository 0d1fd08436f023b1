using RiskFunctions.Domain.Activity;
using RiskFunctions.Domain.Campaigns;
using RiskFunctions.Testing.Populations;

namespace RiskFunctions.Domain.Tests.Campaigns;

public sealed class CampaignDetectorTests
{
    private readonly CampaignDetector _detector = new(new CampaignDetectionOptions());

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Detect_TwoMinuteStuffingBurstInANormalDay_OneCampaignWithItsLogins(int seed)
    {
        var population = SyntheticPopulation.NormalDay(seed).WithCredentialStuffing(logins: 500);

        var campaign = Assert.Single(_detector.Detect([.. population.Records]));

        Assert.Equal(CampaignKind.CredentialStuffing, campaign.Kind);
        Assert.Equal(CampaignFeature.Asn, campaign.Feature);
        Assert.Equal("AS14061", campaign.FeatureValue);
        var score = MembershipScore.Of(campaign.ActionTokens, population.CampaignActions["credential_stuffing"]);
        Assert.Equal(1.0, score.Precision);
        Assert.Equal(1.0, score.Recall);
        Assert.True(campaign.Measures["failure_ratio"] > 0.9);
    }

    [Theory]
    [InlineData(13)]
    [InlineData(14)]
    public void Detect_NormalDay_NoCampaign(int seed)
    {
        Assert.Empty(_detector.Detect([.. SyntheticPopulation.NormalDay(seed).Records]));
    }

    [Fact]
    public void Detect_BotRegistrationsAndCardTestingFromTwoDevices_BotCampaignAndOneCampaignPerDevice()
    {
        var population = SyntheticPopulation.NormalDay(15).WithBotRegistrations(200).WithCardTesting(120);

        var campaigns = _detector.Detect([.. population.Records]).ToLookup(campaign => campaign.Kind);

        var bots = Assert.Single(campaigns[CampaignKind.BotRegistration]);
        Assert.Equal(CampaignFeature.DeviceFingerprint, bots.Feature);
        var botScore = MembershipScore.Of(bots.ActionTokens, population.CampaignActions["bot_registration"]);
        Assert.Equal((1.0, 1.0), (botScore.Precision, botScore.Recall));
        var cardTesting = campaigns[CampaignKind.CardTesting].ToList();
        Assert.Equal(2, cardTesting.Count);
        Assert.All(cardTesting, campaign => Assert.Equal(CampaignFeature.DeviceId, campaign.Feature));
        var cardScore = MembershipScore.Of(cardTesting.SelectMany(campaign => campaign.ActionTokens), population.CampaignActions["card_testing"]);
        Assert.Equal((1.0, 1.0), (cardScore.Precision, cardScore.Recall));
        Assert.Equal(3, campaigns.Sum(group => group.Count()));
    }

    [Fact]
    public void Detect_FailuresSpreadOverHours_NoCampaign()
    {
        var start = SyntheticPopulation.DayStart;
        var logins = Enumerable.Range(0, 200).Select(i => Login(i, start.AddMinutes(i * 15), "failure")).ToList();

        Assert.Empty(_detector.Detect(logins));
    }

    [Fact]
    public void Detect_BurstMostlySucceeding_NoCampaign()
    {
        var start = SyntheticPopulation.DayStart;
        var logins = Enumerable.Range(0, 300).Select(i => Login(i, start.AddSeconds(i), i % 5 == 0 ? "failure" : "success")).ToList();

        Assert.Empty(_detector.Detect(logins));
    }

    [Fact]
    public void Detect_SameActionsAnyOrder_SameCampaigns()
    {
        var records = SyntheticPopulation.NormalDay(16, users: 1_000).WithCredentialStuffing(200).Records;

        var forward = Assert.Single(_detector.Detect([.. records]));
        var backward = Assert.Single(_detector.Detect([.. records.Reverse()]));

        Assert.Equal(forward.ActionTokens, backward.ActionTokens);
        Assert.Equal(forward.FirstSeen, backward.FirstSeen);
    }

    [Fact]
    public void Resolve_BurstContinuingAKnownCampaign_KeepsItsId()
    {
        var start = SyntheticPopulation.DayStart;
        var burst = new DetectedCampaign(CampaignKind.CredentialStuffing, CampaignFeature.Asn, "AS1", ["t"], start, start.AddMinutes(2), new Dictionary<string, double>());
        var known = new CampaignIdentity.KnownCampaign("camp_known", burst.Signature, start.AddMinutes(-30), start.AddMinutes(-5));

        var continued = CampaignIdentity.Resolve("t1", burst, [known], TimeSpan.FromMinutes(10));
        var fresh = CampaignIdentity.Resolve("t1", burst, [known with { LastSeen = start.AddMinutes(-20) }], TimeSpan.FromMinutes(10));

        Assert.Equal("camp_known", continued);
        Assert.True(CampaignIdentity.IsWellFormed(fresh));
        Assert.Equal(fresh, CampaignIdentity.Resolve("t1", burst, [], TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void Matches_SameFeatureWithinWindow_OnlyThen()
    {
        var start = SyntheticPopulation.DayStart;
        var campaign = new ActiveCampaign("camp_x", CampaignKind.CredentialStuffing, CampaignFeature.Asn, "AS14061", start.AddMinutes(-2), start);
        var window = TimeSpan.FromMinutes(10);

        Assert.True(campaign.Matches(Login(1, start.AddMinutes(5), null), window));
        Assert.False(campaign.Matches(Login(1, start.AddMinutes(11), null), window));
        Assert.False(campaign.Matches(Login(1, start.AddMinutes(-13), null), window));
        Assert.False(campaign.Matches(Login(1, start.AddMinutes(5), null) with { Asn = "AS1" }, window));
        Assert.False(campaign.Matches(Login(1, start.AddMinutes(5), null) with { ActionType = "register" }, window));
    }

    private static ActivityRecord Login(int i, DateTimeOffset at, string? result) => new()
    {
        ActionToken = i.ToString("x64", System.Globalization.CultureInfo.InvariantCulture),
        ActionType = "login",
        OccurredAt = at,
        UserId = "u" + i,
        Asn = "AS14061",
        Result = result,
    };
}
