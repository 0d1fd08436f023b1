using RiskFunctions.Domain.Scoring.Reputation;

namespace RiskFunctions.Domain.Scoring;

/// <summary>Names the attacks an assessment's evidence points to. Documented in <c>docs/SCORING.md</c>.</summary>
internal static class ThreatClassifier
{
    public static ThreatCode[] Classify(in ContributionSet set, ScoringModelOptions options, in ScoringInput input)
    {
        var action = input.Action;
        var reputation = input.Reputation;
        var threats = new ThreatFlags();

        var bot = set.Has(ReasonCode.BehaviorBot)
            || (set.Has(ReasonCode.VelocityIpHigh) && (set.Has(ReasonCode.IpManyUsers) || set.Has(ReasonCode.IpManyDevices)));
        if (bot)
        {
            threats.BotAttack = true;
        }

        var login = action.ActionType is "login" or "password_reset";
        if (login && set.Has(ReasonCode.IpManyUsers))
        {
            threats.CredentialStuffing = true;
        }

        var knownUser = input.Profile is { IsKnown: true };
        var takenOver = reputation.User.Standing == ReputationStanding.Takeover
            || reputation.Device.Standing == ReputationStanding.Takeover
            || reputation.PublicKey.Standing == ReputationStanding.Takeover;
        if (action.UserId is not null
            && ProfileTerms.Contains(options.TakeoverActionTypes, action.ActionType)
            && ((knownUser && set.DeviatingHierarchies >= options.TakeoverDeviatingHierarchies) || takenOver))
        {
            threats.AccountTakeover = true;
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
            threats.NewFraudAccount = true;
        }

        if (set.Has(ReasonCode.DeviceManyUsers))
        {
            threats.MultiAccounting = true;
        }

        return threats.ToArray();
    }

    private struct ThreatFlags
    {
        public bool BotAttack;
        public bool CredentialStuffing;
        public bool AccountTakeover;
        public bool NewFraudAccount;
        public bool MultiAccounting;

        public readonly ThreatCode[] ToArray()
        {
            var count = (BotAttack ? 1 : 0) + (CredentialStuffing ? 1 : 0) + (AccountTakeover ? 1 : 0) + (NewFraudAccount ? 1 : 0) + (MultiAccounting ? 1 : 0);
            if (count == 0)
            {
                return [];
            }

            var threats = new ThreatCode[count];
            var i = 0;
            Put(threats, ref i, BotAttack, ThreatCode.BotAttack);
            Put(threats, ref i, CredentialStuffing, ThreatCode.CredentialStuffing);
            Put(threats, ref i, AccountTakeover, ThreatCode.AccountTakeover);
            Put(threats, ref i, NewFraudAccount, ThreatCode.NewFraudAccount);
            Put(threats, ref i, MultiAccounting, ThreatCode.MultiAccounting);
            return threats;
        }

        private static void Put(ThreatCode[] threats, ref int i, bool detected, ThreatCode threat)
        {
            if (detected)
            {
                threats[i++] = threat;
            }
        }
    }
}
