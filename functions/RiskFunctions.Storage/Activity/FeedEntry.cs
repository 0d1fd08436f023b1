using RiskFunctions.Domain.Activity;

namespace RiskFunctions.Storage.Activity;

/// <summary>One action in the recent-activity feed and how far maintenance has taken it.</summary>
/// <param name="TenantId">The action's tenant.</param>
/// <param name="Record">The action.</param>
/// <param name="RecordedAt">When the service stored it (server time; retention counts from it).</param>
/// <param name="RingDone">Its edges are in the ring graph and its user's ring was looked at.</param>
/// <param name="CampaignId">The campaign it was put in, once it was.</param>
public sealed record FeedEntry(string TenantId, ActivityRecord Record, DateTimeOffset RecordedAt, bool RingDone, string? CampaignId);
