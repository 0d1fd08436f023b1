namespace RiskFunctions.Functions.Features.Rings;

/// <summary>The fraud ring and campaign routes.</summary>
public static class RingRoutes
{
    public const string FraudRings = "risk/v1/fraud-rings";
    public const string FraudRing = FraudRings + "/{ringId}";
    public const string Campaigns = "risk/v1/campaigns";
    public const string Campaign = Campaigns + "/{campaignId}";
}
