using RiskFunctions.Domain.Campaigns;

namespace RiskFunctions.Storage.Actions;

/// <summary>
/// What GET /recommendation reads of an action: the <c>recommendation_full</c> document as answered at trigger time
/// and, when maintenance found the action in a campaign afterwards, that campaign.
/// </summary>
/// <param name="Document">The stored document, UTF-8 JSON.</param>
/// <param name="CampaignId">The campaign assigned after the fact, if any.</param>
/// <param name="CampaignKind">Its kind (which threat it carries).</param>
public sealed record StoredRecommendation(byte[] Document, string? CampaignId, CampaignKind? CampaignKind);
