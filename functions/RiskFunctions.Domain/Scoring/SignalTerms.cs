namespace RiskFunctions.Domain.Scoring;

/// <summary>Terms for the network, device-integrity and behavior flags reported with or derived for an action.</summary>
internal static class SignalTerms
{
    public static void Add(ref ContributionSet set, ScoringModelOptions options, ActionFacts action)
    {
        AddNetwork(ref set, options, action.NetworkFlags);
        AddDevice(ref set, options, action.DeviceFlags);
        AddBehavior(ref set, options, action);
    }

    private static void AddNetwork(ref ContributionSet set, ScoringModelOptions options, NetworkRiskFlags flags)
    {
        Flag(ref set, flags.HasFlag(NetworkRiskFlags.Tor), ScoreFactor.Tor, options.Tor, ReasonCode.IpTor);
        Flag(ref set, flags.HasFlag(NetworkRiskFlags.Anonymizer), ScoreFactor.Anonymizer, options.Anonymizer, ReasonCode.IpAnonymizer);
        Flag(ref set, flags.HasFlag(NetworkRiskFlags.Proxy), ScoreFactor.Proxy, options.Proxy, ReasonCode.IpProxy);
        Flag(ref set, flags.HasFlag(NetworkRiskFlags.Hosting), ScoreFactor.Hosting, options.Hosting, ReasonCode.IpHosting);
        Flag(ref set, flags.HasFlag(NetworkRiskFlags.Vpn), ScoreFactor.Vpn, options.Vpn, ReasonCode.IpVpn);
        Flag(ref set, flags.HasFlag(NetworkRiskFlags.RiskyReputation), ScoreFactor.RiskyIp, options.RiskyIp, ReasonCode.IpRiskyReputation);
    }

    private static void AddDevice(ref ContributionSet set, ScoringModelOptions options, DeviceRiskFlags flags)
    {
        Flag(ref set, flags.HasFlag(DeviceRiskFlags.Tampered), ScoreFactor.Tampered, options.Tampered, ReasonCode.DeviceSuspiciousAttribute);
        Flag(ref set, flags.HasFlag(DeviceRiskFlags.Emulated), ScoreFactor.Emulated, options.Emulated, ReasonCode.DeviceSuspiciousAttribute);
        Flag(ref set, flags.HasFlag(DeviceRiskFlags.Spoofed), ScoreFactor.Spoofed, options.Spoofed, ReasonCode.DeviceSuspiciousAttribute);
        Flag(ref set, flags.HasFlag(DeviceRiskFlags.TimezoneMismatch), ScoreFactor.TimezoneMismatch, options.TimezoneMismatch, ReasonCode.DeviceTimezoneMismatch);
        Flag(ref set, flags.HasFlag(DeviceRiskFlags.Incognito), ScoreFactor.Incognito, options.Incognito, ReasonCode.DeviceIncognito);
    }

    private static void AddBehavior(ref ContributionSet set, ScoringModelOptions options, ActionFacts action)
    {
        var behavior = action.Behavior;
        Flag(ref set, behavior.NoUserInteraction == true, ScoreFactor.NoUserInteraction, options.NoUserInteraction, ReasonCode.BehaviorBot);
        Flag(ref set, action.Client.IsAutomation, ScoreFactor.AutomationUserAgent, options.AutomationUserAgent, ReasonCode.BehaviorBot);

        var straight = behavior.StraightLineRatio ?? 0;
        if (straight >= options.BotStraightLineRatio || behavior.CornerClick == true)
        {
            set.Add(ScoreFactor.BotLikeMovement, options.BotLikeMovement, straight, ReasonCode.BehaviorBot);
        }
    }

    private static void Flag(ref ContributionSet set, bool raised, ScoreFactor factor, double weight, ReasonCode reason)
    {
        if (raised)
        {
            set.Add(factor, weight, 1, reason);
        }
    }
}
