using RiskFunctions.Domain.Scoring.Reputation;

namespace RiskFunctions.Domain.Scoring;

/// <summary>Names the attacks an assessment's evidence points to. Documented in <c>docs/SCORING.md</c>.</summary>
internal static class ThreatClassifier
{
    public static IReadOnlyList<ThreatCode> Classify(ContributionSet set, ScoringModelOptions options, in ScoringInput input)
    {
        var action = input.Action;
        var reputation = input.Reputation;
        var threats = new List<ThreatCode>(2);

        var bot = set.Has(ReasonCode.BehaviorBot)
            || (set.Has(ReasonCode.VelocityIpHigh) && (set.Has(ReasonCode.IpManyUsers) || set.Has(ReasonCode.IpManyDevices)));
        if (bot)
        {
            threats.Add(ThreatCode.BotAttack);
        }

        var login = action.ActionType is "login" or "password_reset";
        if (login && set.Has(ReasonCode.IpManyUsers))
        {
            threats.Add(ThreatCode.CredentialStuffing);
        }

        var knownUser = input.Profile is { IsKnown: true };
        var takenOver = reputation.User.Standing == ReputationStanding.Takeover
            || reputation.Device.Standing == ReputationStanding.Takeover
            || reputation.PublicKey.Standing == ReputationStanding.Takeover;
        if (action.UserId is not null
            && ProfileTerms.Contains(options.TakeoverActionTypes, action.ActionType)
            && ((knownUser && set.DeviatingHierarchies >= options.TakeoverDeviatingHierarchies) || takenOver))
        {
            threats.Add(ThreatCode.AccountTakeover);
        }

        var newAccount = ProfileTerms.IsRegistration(action.ActionType) || set.Has(ReasonCode.AccountNew) || set.Has(ReasonCode.ProfileUserNew);
        var suspiciousOrigin = action.NetworkFlags.HasFlag(NetworkRiskFlags.Tor)
            || action.NetworkFlags.HasFlag(NetworkRiskFlags.Anonymizer)
            || action.NetworkFlags.HasFlag(NetworkRiskFlags.Proxy)
            || action.NetworkFlags.HasFlag(NetworkRiskFlags.Hosting)
            || action.NetworkFlags.HasFlag(NetworkRiskFlags.RiskyReputation)
            || set.Has(ReasonCode.DeviceSuspiciousAttribute)
            || set.Has(ReasonCode.DeviceManyUsers)
            || reputation.Device.IsNegative || reputation.Fingerprint.IsNegative || reputation.PublicKey.IsNegative || reputation.Ip.IsNegative
            || bot;
        if (newAccount && suspiciousOrigin)
        {
            threats.Add(ThreatCode.NewFraudAccount);
        }

        if (set.Has(ReasonCode.DeviceManyUsers))
        {
            threats.Add(ThreatCode.MultiAccounting);
        }

        return threats;
    }
}
