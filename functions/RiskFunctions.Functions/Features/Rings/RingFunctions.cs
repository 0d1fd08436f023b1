using Microsoft.Azure.Functions.Worker;
using RiskFunctions.Functions.Pipeline;
using RiskFunctions.Functions.Security;
using RiskFunctions.Storage.Actions;
using RiskFunctions.Storage.Campaigns;
using RiskFunctions.Storage.FraudRings;
using RiskFunctions.Storage.Reputation;

namespace RiskFunctions.Functions.Features.Rings;

/// <summary><c>GET /risk/v1/fraud-rings[/{id}]</c> and <c>GET /risk/v1/campaigns[/{id}]</c>.</summary>
public sealed class RingFunctions(FraudRingRepository rings, CampaignRepository campaigns, ActionIndexRepository index, ReputationRepository reputation)
{
    [Function(nameof(ListFraudRings))]
    [RequireScope(RiskScopes.RecommendationsRead)]
    public async Task<IResult> ListFraudRings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RingRoutes.FraudRings)] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        return (await RingsApi.ListRingsAsync(req.HttpContext, rings)).Result;
    }

    [Function(nameof(GetFraudRing))]
    [RequireScope(RiskScopes.RecommendationsRead)]
    public async Task<IResult> GetFraudRing(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RingRoutes.FraudRing)] HttpRequest req, string ringId)
    {
        ArgumentNullException.ThrowIfNull(req);
        return (await RingsApi.GetRingAsync(req.HttpContext, ringId, rings, index, reputation)).Result;
    }

    [Function(nameof(ListCampaigns))]
    [RequireScope(RiskScopes.RecommendationsRead)]
    public async Task<IResult> ListCampaigns(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RingRoutes.Campaigns)] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        return (await RingsApi.ListCampaignsAsync(req.HttpContext, campaigns)).Result;
    }

    [Function(nameof(GetCampaign))]
    [RequireScope(RiskScopes.RecommendationsRead)]
    public async Task<IResult> GetCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RingRoutes.Campaign)] HttpRequest req, string campaignId)
    {
        ArgumentNullException.ThrowIfNull(req);
        return (await RingsApi.GetCampaignAsync(req.HttpContext, campaignId, campaigns, index)).Result;
    }
}
