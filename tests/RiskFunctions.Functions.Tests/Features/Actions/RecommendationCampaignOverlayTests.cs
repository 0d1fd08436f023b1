using System.Text.Json;
using RiskFunctions.Domain.Campaigns;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Recommendations;
using RiskFunctions.Functions.Features.Actions;
using RiskFunctions.Storage.Actions;

namespace RiskFunctions.Functions.Tests.Features.Actions;

public sealed class RecommendationCampaignOverlayTests
{
    private const string Token = "ab00000000000000000000000000000000000000000000000000000000000001";
    private const string Campaign = "camp_0123456789abcdef01234567";

    [Fact]
    public void Apply_NoCampaignAssigned_AnswersTheStoredBytesAsTheyAre()
    {
        var bytes = Serialize(Document(["VELOCITY_HIGH"], ["BOT_ATTACK"]));

        Assert.Same(bytes, RecommendationCampaignOverlay.Apply(new StoredRecommendation(bytes, null, null)));
    }

    [Fact]
    public void Apply_CampaignAssignedAfterTheFact_AddsTheIdTheReasonAndTheThreatOnce()
    {
        var bytes = Serialize(Document(["VELOCITY_HIGH"], ["BOT_ATTACK"]));

        var shown = Deserialize(RecommendationCampaignOverlay.Apply(new StoredRecommendation(bytes, Campaign, CampaignKind.CredentialStuffing)));

        Assert.Equal(Campaign, shown.Context.CampaignId);
        Assert.Equal(["VELOCITY_HIGH", "CAMPAIGN_MEMBER"], shown.Reasons);
        Assert.Equal(["BOT_ATTACK", "CREDENTIAL_STUFFING"], shown.Threats);
    }

    [Fact]
    public void Apply_ThreatAlreadyThere_NotRepeated()
    {
        var bytes = Serialize(Document(["VELOCITY_HIGH"], ["BOT_ATTACK"]));

        var shown = Deserialize(RecommendationCampaignOverlay.Apply(new StoredRecommendation(bytes, Campaign, CampaignKind.BotRegistration)));

        Assert.Equal(["BOT_ATTACK"], shown.Threats);
        Assert.Equal(["VELOCITY_HIGH", "CAMPAIGN_MEMBER"], shown.Reasons);
    }

    [Fact]
    public void Apply_MatchedAtTriggerTime_AnswersTheStoredBytesAsTheyAre()
    {
        var matched = Document(["CAMPAIGN_MEMBER"], ["CREDENTIAL_STUFFING"]);
        var bytes = Serialize(matched with { Context = matched.Context with { CampaignId = "camp_aaaaaaaaaaaaaaaaaaaaaaaa" } });

        Assert.Same(bytes, RecommendationCampaignOverlay.Apply(new StoredRecommendation(bytes, Campaign, CampaignKind.CredentialStuffing)));
    }

    [Fact]
    public void ApplyStoredAction_CampaignAssigned_AnswersWithItAndKeepsTheRest()
    {
        var document = Document([], []);
        var action = new StoredAction
        {
            TenantId = "tenant",
            ActionToken = Token,
            ActionType = "login",
            OccurredAt = DateTimeOffset.UnixEpoch,
            Recommendation = "ALLOW",
            RecommendationDocument = Serialize(document),
            CampaignId = Campaign,
            CampaignKind = CampaignKind.CardTesting,
        };

        var shown = RecommendationCampaignOverlay.Apply(action);

        Assert.Equal((Campaign, document.Id, document.RiskScore), (shown.Context.CampaignId, shown.Id, shown.RiskScore));
        Assert.Equal(["CAMPAIGN_MEMBER"], shown.Reasons);
        Assert.Equal(["CARD_TESTING"], shown.Threats);
        Assert.Null(RecommendationCampaignOverlay.Apply(action with { CampaignId = null, CampaignKind = null }).Context.CampaignId);
    }

    private static RecommendationFull Document(string[] reasons, string[] threats) => new()
    {
        Id = "rec-1",
        IssuedAt = 1_700_000_000_000,
        Recommendation = new Recommendation { Type = RecommendationType.Allow },
        RiskScore = 0.25,
        Context = new RecommendationContext
        {
            ActionId = Token,
            ActionType = "login",
            ActionPerformedAt = 1_700_000_000_000,
            ApplicationId = "tenant",
            DeviceId = "device-1",
            DeviceFingerprint = "fp-1",
        },
        Reasons = reasons,
        Threats = threats,
    };

    private static byte[] Serialize(RecommendationFull document) => JsonSerializer.SerializeToUtf8Bytes(document, RiskJsonContext.Default.RecommendationFull);

    private static RecommendationFull Deserialize(byte[] bytes) => JsonSerializer.Deserialize(bytes, RiskJsonContext.Default.RecommendationFull)!;
}
