using RiskFunctions.Domain.Actions;
using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Contract.Recommendations;
using RiskFunctions.Domain.Campaigns;
using RiskFunctions.Domain.Enrichment;
using RiskFunctions.Domain.Rules.Engine;
using RiskFunctions.Domain.Scoring;
using RiskFunctions.Functions.Features.Rings;
using ContractHistory = RiskFunctions.Domain.Contract.Recommendations.HistorySignals;

namespace RiskFunctions.Functions.Features.Actions;

/// <summary>Assembles the <c>recommendation_full</c> of an action from the request, its enrichment, the model and the rules.</summary>
internal static class RecommendationComposer
{
    /// <param name="actionToken">The action's token (also <c>context.action_id</c>).</param>
    /// <param name="tenantId">The caller's tenant.</param>
    /// <param name="clientId">The caller's client id, if the token names one.</param>
    /// <param name="request">The validated request.</param>
    /// <param name="ip">The request's IP in canonical form.</param>
    /// <param name="enrichment">User-agent and IP enrichment.</param>
    /// <param name="assessment">The model's assessment.</param>
    /// <param name="history">The velocity and linking counts.</param>
    /// <param name="rules">The tenant's rules' verdict.</param>
    /// <param name="occurredAt">When the action happened.</param>
    /// <param name="campaign">The active campaign the action continues, if any.</param>
    public static RecommendationFull Compose(
        string actionToken,
        string tenantId,
        string? clientId,
        TriggerActionRequest request,
        string? ip,
        in ActionEnrichment enrichment,
        RiskAssessment assessment,
        HistoryCounts history,
        RuleEvaluation rules,
        DateTimeOffset occurredAt,
        CampaignMatch? campaign = null)
    {
        var at = occurredAt.ToUnixTimeMilliseconds();
        var reasons = new List<string>(assessment.Reasons.Count + 1);
        var type = RecommendationMapper.ToWire(assessment.Recommendation);
        if (rules.Production is { } rule)
        {
            // A production rule overrides the model completely and says so first; the score stays the model's.
            type = RecommendationMapper.ToWire(rule.Recommendation);
            reasons.Add(rule.ReasonCode);
        }

        reasons.AddRange(assessment.Reasons.Select(r => r.Value));
        var threats = assessment.Threats.Select(t => t.Value).ToList();
        if (campaign is not null)
        {
            reasons.Add(ReasonCode.CampaignMember.Value);
            if (!threats.Contains(campaign.Kind.Threat().Value))
            {
                threats.Add(campaign.Kind.Threat().Value);
            }
        }

        return new RecommendationFull
        {
            Id = ActionToken.RecommendationId(actionToken),
            IssuedAt = at,
            Recommendation = new Recommendation { Type = type },
            RiskScore = assessment.RiskScore,
            Context = Context(actionToken, tenantId, clientId, request, ip, enrichment, at) with { CampaignId = campaign?.CampaignId },
            RiskSignals = new RiskSignals
            {
                Device = request.RiskSignals?.Device,
                Network = Network(request.RiskSignals?.Network, enrichment),
                Behavior = request.RiskSignals?.Behavior,
                History = new ContractHistory
                {
                    IpActionRate60Sec = history.IpActionRate60Sec,
                    UserActionRate60Sec = history.UserActionRate60Sec,
                    DeviceActionRate60Sec = history.DeviceActionRate60Sec,
                    IpUserCountLastHour = history.IpUserCountLastHour,
                    IpDeviceCountLastHour = history.IpDeviceCountLastHour,
                    LinkingDeviceToUsersCount = history.LinkingDeviceToUsersCount,
                    LinkingUserToDeviceCount = history.LinkingUserToDeviceCount,
                },
            },
            Reasons = reasons,
            TransactionData = request.TransactionData,
            CustomAttributes = CustomAttributeFilter.Keep(request.CustomAttributes),
            Threats = threats,
            PreviewRule = rules.Preview is { } preview
                ? new PreviewRule { RuleName = preview.Name, Recommendation = RecommendationMapper.ToWire(preview.Recommendation), RiskScore = assessment.RiskScore }
                : null,
        };
    }

    private static RecommendationContext Context(
        string actionToken, string tenantId, string? clientId, TriggerActionRequest request, string? ip, in ActionEnrichment enrichment, long at)
    {
        var context = request.Context;
        return new RecommendationContext
        {
            ActionId = actionToken,
            ActionType = request.ActionType!,
            ActionPerformedAt = at,
            // Backend-reported actions carry no device clock: the contract says the server time is used then.
            DeviceTimestamp = context?.DeviceTimestamp ?? at,
            ClientId = clientId,
            ApplicationId = clientId ?? tenantId,
            TenantId = tenantId,
            DeviceId = context?.DeviceId ?? string.Empty,
            CorrelationId = request.CorrelationId,
            DeviceFingerprint = context?.DeviceFingerprint ?? string.Empty,
            DevicePublicKey = context?.DevicePublicKey,
            UserId = request.UserId,
            ClaimedUserId = request.ClaimedUserId,
            Location = context?.Location,
            Ip = ip,
            IpCountry = enrichment.IpCountry,
            IpLocationRegion = enrichment.IpLocationRegion,
            IpLocationCity = enrichment.IpLocationCity,
            IpLocationZip = enrichment.IpLocationZip,
            IpLocationLongitude = enrichment.IpLocationLongitude,
            IpLocationLatitude = enrichment.IpLocationLatitude,
            IpAsnId = enrichment.IpAsnId,
            IpAsnName = enrichment.IpAsnName,
            IpOrganizationName = enrichment.IpOrganizationName,
            IpOrganizationType = enrichment.IpOrganizationType,
            IpLocationTimezone = enrichment.IpLocationTimezone,
            DeviceTimezone = context?.DeviceTimezone,
            DeviceLanguages = context?.DeviceLanguages,
            DevicePlatform = enrichment.DevicePlatform,
            OsName = enrichment.OsName,
            OsVersion = enrichment.OsVersion,
            BrowserName = enrichment.BrowserName,
            BrowserVersion = enrichment.BrowserVersion,
            UserAgent = context?.UserAgent,
        };
    }

    /// <summary>The reported network flags, with <c>hosting</c> also set when IP intelligence says so.</summary>
    private static NetworkSignals? Network(NetworkSignals? reported, in ActionEnrichment enrichment)
    {
        if (!enrichment.IsHostingIp || reported?.Hosting == true)
        {
            return reported;
        }

        return (reported ?? new NetworkSignals()) with { Hosting = true };
    }
}
