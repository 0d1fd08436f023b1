namespace RiskFunctions.Domain.Scoring.Learning;

/// <summary>
/// Turns what the engine knows about one action into the learned model's feature vector: the hand-tuned
/// model's terms (so everything it explains stays available), the raw counts behind the velocity terms,
/// and what the hand-tuned model cannot express (account age and time since the previous action as
/// continuous values, same-second bursts, new accounts on the address or device, links to labeled users).
/// Pure and allocation-free.
/// </summary>
public static class RiskFeatureExtractor
{
    /// <summary>Fills <paramref name="destination"/> (at least <see cref="RiskFeatures.Count"/> long).</summary>
    /// <param name="input">What the engine read for the action.</param>
    /// <param name="handTuned">The hand-tuned model's terms for the same input.</param>
    /// <param name="destination">The vector, indexed by <see cref="RiskFeature"/>.</param>
    public static void Extract(in ScoringInput input, IReadOnlyList<ScoreContribution> handTuned, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(input.Action);
        ArgumentNullException.ThrowIfNull(handTuned);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, RiskFeatures.Count);

        var features = destination[..RiskFeatures.Count];
        features.Clear();
        for (var i = 0; i < handTuned.Count; i++)
        {
            var term = handTuned[i];
            if (SlotOf(term.Factor) is { } slot)
            {
                features[(int)slot] += (float)term.LogOdds;
            }
        }

        var history = input.History;
        Set(features, RiskFeature.IpActionRate60Sec, LogCount(history.IpActionRate60Sec));
        Set(features, RiskFeature.UserActionRate60Sec, LogCount(history.UserActionRate60Sec));
        Set(features, RiskFeature.DeviceActionRate60Sec, LogCount(history.DeviceActionRate60Sec));
        Set(features, RiskFeature.IpUserCountLastHour, LogCount(history.IpUserCountLastHour));
        Set(features, RiskFeature.IpDeviceCountLastHour, LogCount(history.IpDeviceCountLastHour));
        Set(features, RiskFeature.DeviceUserCount, LogCount(history.LinkingDeviceToUsersCount));
        Set(features, RiskFeature.UserDeviceCount, LogCount(history.LinkingUserToDeviceCount));

        var learning = input.Learning;
        Set(features, RiskFeature.SameSecondIpActions, LogCount(learning.SameSecondIpActions));
        Set(features, RiskFeature.SameSecondUserActions, LogCount(learning.SameSecondUserActions));
        Set(features, RiskFeature.SameSecondDeviceActions, LogCount(learning.SameSecondDeviceActions));
        Set(features, RiskFeature.NewAccountsOnIpLastHour, LogCount(learning.NewAccountsOnIpLastHour));
        Set(features, RiskFeature.NewAccountsOnDeviceLastHour, LogCount(learning.NewAccountsOnDeviceLastHour));
        Set(features, RiskFeature.LinkedFraudOnIp, learning.LinkedFraudOnIp);
        Set(features, RiskFeature.LinkedFraudOnDevice, learning.LinkedFraudOnDevice);

        var action = input.Action;
        var profile = input.Profile;
        var known = profile is { IsKnown: true };
        Set(features, RiskFeature.AccountAge, known && profile!.FirstSeen is { } first ? LogSeconds(action.OccurredAt - first) : 0);
        Set(features, RiskFeature.SincePreviousAction, known && profile!.LastSeen is { } last ? LogSeconds(action.OccurredAt - last) : -1);
        Set(features, RiskFeature.ProfileActions, known ? Math.Log(1 + profile!.ActionCount) : 0);
        Set(features, RiskFeature.IpTenantActions, input.Population is { } population && action.Network.Ip is not null
            ? Math.Log(1 + population.Value(FeatureKind.Ip))
            : 0);

        var type = action.ActionType;
        Set(features, RiskFeature.ActionRegister, ProfileTerms.IsRegistration(type) ? 1 : 0);
        Set(features, RiskFeature.ActionLogin, type is "login" ? 1 : 0);
        Set(features, RiskFeature.ActionSensitive, IsSensitive(type) ? 1 : 0);
    }

    private static RiskFeature? SlotOf(ScoreFactor factor) => factor switch
    {
        ScoreFactor.ProfileCountry => RiskFeature.ProfileCountry,
        ScoreFactor.ProfileAsn => RiskFeature.ProfileAsn,
        ScoreFactor.ProfileIp => RiskFeature.ProfileIp,
        ScoreFactor.ProfilePlatform => RiskFeature.ProfilePlatform,
        ScoreFactor.ProfileOs => RiskFeature.ProfileOs,
        ScoreFactor.ProfileBrowser => RiskFeature.ProfileBrowser,
        ScoreFactor.ProfileUserAgent => RiskFeature.ProfileUserAgent,
        ScoreFactor.ProfileDevice => RiskFeature.ProfileDevice,
        ScoreFactor.TenantRarity => RiskFeature.TenantRarity,
        ScoreFactor.UserPrior => RiskFeature.UserPrior,
        ScoreFactor.NewUser => RiskFeature.NewUser,
        ScoreFactor.NewAccount => RiskFeature.NewAccount,
        ScoreFactor.Tor => RiskFeature.Tor,
        ScoreFactor.Vpn => RiskFeature.Vpn,
        ScoreFactor.Proxy => RiskFeature.Proxy,
        ScoreFactor.Hosting => RiskFeature.Hosting,
        ScoreFactor.Anonymizer => RiskFeature.Anonymizer,
        ScoreFactor.RiskyIp => RiskFeature.RiskyIp,
        ScoreFactor.Tampered => RiskFeature.Tampered,
        ScoreFactor.Emulated => RiskFeature.Emulated,
        ScoreFactor.Spoofed => RiskFeature.Spoofed,
        ScoreFactor.TimezoneMismatch => RiskFeature.TimezoneMismatch,
        ScoreFactor.Incognito => RiskFeature.Incognito,
        ScoreFactor.NoUserInteraction => RiskFeature.NoUserInteraction,
        ScoreFactor.AutomationUserAgent => RiskFeature.AutomationUserAgent,
        ScoreFactor.BotLikeMovement => RiskFeature.BotLikeMovement,
        ScoreFactor.UserReputation => RiskFeature.UserReputation,
        ScoreFactor.DeviceReputation => RiskFeature.DeviceReputation,
        ScoreFactor.FingerprintReputation => RiskFeature.FingerprintReputation,
        ScoreFactor.PublicKeyReputation => RiskFeature.PublicKeyReputation,
        ScoreFactor.IpReputation => RiskFeature.IpReputation,

        // The velocity terms are thresholded copies of the raw counts, which the vector carries instead.
        _ => null,
    };

    private static bool IsSensitive(string actionType) => actionType is
        "transaction" or "checkout" or "withdraw" or "credits_change" or "account_auth_change" or "account_details_change" or "password_reset";

    private static void Set(Span<float> features, RiskFeature feature, double value) => features[(int)feature] = (float)value;

    private static double LogCount(int count) => count <= 0 ? 0 : Math.Log(1 + count);

    private static double LogSeconds(TimeSpan elapsed) => Math.Log(1 + Math.Max(0, elapsed.TotalSeconds));
}
