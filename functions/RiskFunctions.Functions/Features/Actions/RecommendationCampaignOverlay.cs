using System.Text.Json;
using RiskFunctions.Domain.Campaigns;
using RiskFunctions.Domain.Contract;
using RiskFunctions.Domain.Contract.Recommendations;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Storage.Actions;

namespace RiskFunctions.Functions.Features.Actions;

/// <summary>
/// Shows a campaign maintenance found an action in after it was stored as if the action had carried it at trigger
/// time: <c>context.campaign_id</c>, the reason <c>CAMPAIGN_MEMBER</c> and the campaign's threat, each once. The stored
/// document stays what was answered then; the campaign lives beside it on the row and is applied on read.
/// </summary>
internal static class RecommendationCampaignOverlay
{
    /// <summary>The document to answer: the stored bytes as they are unless a campaign was assigned after the fact.</summary>
    public static byte[] Apply(StoredRecommendation stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.CampaignId is not { } campaignId || stored.CampaignKind is not { } kind)
        {
            return stored.Document;
        }

        var document = JsonSerializer.Deserialize(stored.Document, RiskJsonContext.Default.RecommendationFull)!;
        if (document.Context.CampaignId is not null)
        {
            // Matched at trigger time: the answer then already said so.
            return stored.Document;
        }

        return JsonSerializer.SerializeToUtf8Bytes(With(document, campaignId, kind), RiskJsonContext.Default.RecommendationFull);
    }

    /// <summary>The stored action's document, with the campaign assigned after the fact (a retried trigger-action answers it).</summary>
    public static RecommendationFull Apply(StoredAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var document = JsonSerializer.Deserialize(action.RecommendationDocument.Span, RiskJsonContext.Default.RecommendationFull)!;
        return action.CampaignId is { } campaignId && action.CampaignKind is { } kind && document.Context.CampaignId is null
            ? With(document, campaignId, kind)
            : document;
    }

    private static RecommendationFull With(RecommendationFull document, string campaignId, CampaignKind kind)
    {
        var reason = ReasonCode.CampaignMember.Value;
        var threat = kind.Threat().Value;
        var threats = document.Threats ?? [];
        return document with
        {
            Context = document.Context with { CampaignId = campaignId },
            Reasons = document.Reasons.Contains(reason) ? document.Reasons : [.. document.Reasons, reason],
            Threats = threats.Contains(threat) ? threats : [.. threats, threat],
        };
    }
}
