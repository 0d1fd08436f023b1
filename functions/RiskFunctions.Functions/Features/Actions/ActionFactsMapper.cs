using RiskFunctions.Domain.Contract.Actions;
using RiskFunctions.Domain.Enrichment;
using RiskFunctions.Domain.Scoring;

namespace RiskFunctions.Functions.Features.Actions;

/// <summary>Turns a validated trigger-action request and its enrichment into the facts the model scores.</summary>
internal static class ActionFactsMapper
{
    /// <param name="request">The validated request.</param>
    /// <param name="enrichment">What user-agent parsing and IP intelligence derived.</param>
    /// <param name="ip">The request's IP in canonical text form, or <c>null</c>.</param>
    /// <param name="occurredAt">When the action happened (the server clock at trigger time).</param>
    public static ActionFacts Map(TriggerActionRequest request, in ActionEnrichment enrichment, string? ip, DateTimeOffset occurredAt)
    {
        var context = request.Context;
        var signals = request.RiskSignals;
        return new ActionFacts
        {
            ActionType = request.ActionType!,
            UserId = request.UserId ?? request.ClaimedUserId,
            UserIsAuthenticated = request.UserId is not null,
            DeviceId = context?.DeviceId,
            DeviceFingerprint = context?.DeviceFingerprint,
            DevicePublicKey = context?.DevicePublicKey,
            Network = new NetworkFacts(ip, enrichment.IpCountry, enrichment.IpAsnId),
            Client = new ClientFacts(
                context?.UserAgent,
                enrichment.DevicePlatform,
                enrichment.OsName,
                enrichment.OsVersion,
                enrichment.BrowserName,
                enrichment.BrowserVersion,
                enrichment.IsBot),
            DeviceFlags = DeviceFlags(signals?.Device),
            NetworkFlags = NetworkFlags(signals?.Network, enrichment),
            Behavior = signals?.Behavior is { } behavior
                ? new BehaviorFacts(behavior.NoUserInteraction, behavior.StraightLineRatio, behavior.CornerClick, behavior.MovementLatency, behavior.TypingVelocity)
                : default,
            OccurredAt = occurredAt,
        };
    }

    private static DeviceRiskFlags DeviceFlags(Domain.Contract.Recommendations.DeviceSignals? device)
    {
        if (device is null)
        {
            return DeviceRiskFlags.None;
        }

        var flags = DeviceRiskFlags.None;
        flags |= device.Tampered == true ? DeviceRiskFlags.Tampered : 0;
        flags |= device.Emulated == true ? DeviceRiskFlags.Emulated : 0;
        flags |= device.Spoofed == true ? DeviceRiskFlags.Spoofed : 0;
        flags |= device.TzMismatch == true ? DeviceRiskFlags.TimezoneMismatch : 0;
        flags |= device.Incognito == true ? DeviceRiskFlags.Incognito : 0;
        return flags;
    }

    private static NetworkRiskFlags NetworkFlags(Domain.Contract.Recommendations.NetworkSignals? network, in ActionEnrichment enrichment)
    {
        var flags = NetworkRiskFlags.None;
        flags |= network?.Vpn == true ? NetworkRiskFlags.Vpn : 0;
        flags |= network?.Tor == true ? NetworkRiskFlags.Tor : 0;
        flags |= network?.Proxy == true ? NetworkRiskFlags.Proxy : 0;
        flags |= network?.Anonymizer == true ? NetworkRiskFlags.Anonymizer : 0;
        flags |= network?.Hosting == true || enrichment.IsHostingIp ? NetworkRiskFlags.Hosting : 0;
        flags |= enrichment.IsRiskyIp ? NetworkRiskFlags.RiskyReputation : 0;
        return flags;
    }
}
