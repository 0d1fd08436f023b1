using RiskFunctions.Domain.Scoring.Reputation;

namespace RiskFunctions.Domain.Scoring;

/// <summary>
/// Terms for the label-driven reputation of the entities an action involves. Labels only shift the score
/// (rules are the hard override); the newest label on an entity decides its standing.
/// </summary>
internal static class ReputationTerms
{
    public static void Add(ref ContributionSet set, ScoringModelOptions options, in ScoringInput input)
    {
        var action = input.Action;
        var reputation = input.Reputation;
        if (action.UserId is not null)
        {
            Add(ref set, ScoreFactor.UserReputation, options.UserReputation, reputation.User,
                ReasonCode.UserLabeledFraud, ReasonCode.UserLabeledSuspectedFraud, ReasonCode.UserLabeledTakeover);
        }

        if (action.DeviceId is not null)
        {
            Add(ref set, ScoreFactor.DeviceReputation, options.DeviceReputation, reputation.Device,
                ReasonCode.DeviceLabeledFraud, ReasonCode.DeviceLabeledSuspectedFraud, ReasonCode.DeviceLabeledTakeover);
        }

        if (action.DeviceFingerprint is not null)
        {
            Add(ref set, ScoreFactor.FingerprintReputation, options.FingerprintReputation, reputation.Fingerprint,
                ReasonCode.DeviceLabeledFraud, ReasonCode.DeviceLabeledSuspectedFraud, ReasonCode.DeviceLabeledTakeover);
        }

        if (action.DevicePublicKey is not null)
        {
            Add(ref set, ScoreFactor.PublicKeyReputation, options.PublicKeyReputation, reputation.PublicKey,
                ReasonCode.DeviceLabeledFraud, ReasonCode.DeviceLabeledSuspectedFraud, ReasonCode.DeviceLabeledTakeover);
        }

        if (action.Network.Ip is not null)
        {
            Add(ref set, ScoreFactor.IpReputation, options.IpReputation, reputation.Ip,
                ReasonCode.IpLabeledFraud, ReasonCode.IpLabeledSuspectedFraud, ReasonCode.IpLabeledSuspectedFraud);
        }
    }

    private static void Add(
        ref ContributionSet set,
        ScoreFactor factor,
        ReputationWeight weight,
        EntityReputation reputation,
        ReasonCode fraud,
        ReasonCode suspected,
        ReasonCode takeover)
    {
        var (logOdds, reason) = reputation.Standing switch
        {
            ReputationStanding.ConfirmedFraud => (weight.ConfirmedFraud, fraud),
            ReputationStanding.SuspectedFraud => (weight.SuspectedFraud, suspected),
            ReputationStanding.Takeover => (weight.Takeover, takeover),
            ReputationStanding.ConfirmedLegit => (weight.ConfirmedLegit, ReasonCode.None),
            _ => (0.0, ReasonCode.None),
        };

        set.Add(factor, logOdds, (double)reputation.Standing, reason);
    }
}
