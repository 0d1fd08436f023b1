namespace RiskFunctions.Domain.Scoring;

/// <summary>
/// The terms that compare an action with the user's trusted history: the Freeman et al. likelihood
/// ratios of the network and client hierarchies and of the device identity, the tenant-wide rarity of a
/// network the user never showed, Freeman's user term, and the new-user and new-account signals.
/// </summary>
internal static class ProfileTerms
{
    private static readonly FeatureKind[] NetworkLevels = [FeatureKind.Country, FeatureKind.Asn, FeatureKind.Ip];
    private static readonly FeatureKind[] ClientLevels = [FeatureKind.Platform, FeatureKind.Os, FeatureKind.Browser, FeatureKind.UserAgent];

    /// <summary>Device identifiers from strongest to weakest; the strongest present one speaks for the device.</summary>
    internal static readonly FeatureKind[] DeviceIdentities = [FeatureKind.PublicKey, FeatureKind.Device, FeatureKind.Fingerprint];

    public static void Add(ref ContributionSet set, ScoringModelOptions options, in ScoringInput input)
    {
        var action = input.Action;
        if (action.UserId is null)
        {
            return;
        }

        var profile = input.Profile;
        if (profile is null || !profile.IsKnown)
        {
            if (!IsRegistration(action.ActionType))
            {
                set.Add(ScoreFactor.NewUser, options.NewUser, 1, ReasonCode.ProfileUserNew);
            }

            if (TenantRarityTerms.Evaluate(options, input) is { } rarity)
            {
                set.Add(rarity.Factor, rarity.LogOdds, rarity.Observed, rarity.Reason);
            }

            return;
        }

        var terms = default(PendingTerms);
        var count = 0;
        count = AddHierarchy(ref terms, count, options.Network, profile, input, NetworkLevels);
        count = AddHierarchy(ref terms, count, options.Client, profile, input, ClientLevels);
        count = AddDevice(ref terms, count, options.Device, profile, input);
        if (TenantRarityTerms.Evaluate(options, input) is { } tenantRarity)
        {
            terms[count++] = tenantRarity;
        }

        AddCapped(ref set, options.Profile, ref terms, count);
        AddUserPrior(ref set, options.UserPrior, profile, input.Population);
        AddAccountAge(ref set, options, profile, action);
    }

    /// <summary>
    /// Reports the profile terms with their total held within <paramref name="cap"/>: when the hierarchies
    /// together say more than the cap allows, every term is scaled by the same factor, so that the reported
    /// terms still add up to exactly what the profile contributes.
    /// </summary>
    private static void AddCapped(ref ContributionSet set, TermWeight cap, ref PendingTerms terms, int count)
    {
        var total = 0.0;
        for (var i = 0; i < count; i++)
        {
            total += terms[i].LogOdds;
        }

        var scale = total == 0 ? 1.0 : cap.Apply(total) / total;
        for (var i = 0; i < count; i++)
        {
            var term = terms[i];
            set.Add(term.Factor, scale * term.LogOdds, term.Observed, term.Reason);
        }
    }

    /// <summary>
    /// Sums the levels' log ratios, weights and caps the sum, and spreads the capped total over the levels
    /// in proportion so that the reported terms still add up to what the hierarchy contributes.
    /// </summary>
    private static int AddHierarchy(ref PendingTerms terms, int count, TermWeight weight, UserProfile profile, in ScoringInput input, FeatureKind[] levels)
    {
        Span<LevelRatio> ratios = stackalloc LevelRatio[levels.Length];
        var raw = 0.0;
        for (var i = 0; i < levels.Length; i++)
        {
            ratios[i] = ProfileLikelihood.Level(profile, input.Population, input.Features, levels[i]);
            raw += ratios[i].LogRatio;
        }

        var scale = raw == 0 ? weight.Weight : weight.Apply(raw) / raw;
        for (var i = 0; i < levels.Length; i++)
        {
            var ratio = ratios[i];
            if (ratio.HasEvidence)
            {
                terms[count++] = new ScoreContribution(FactorOf(levels[i]), scale * ratio.LogRatio, Math.Exp(ratio.LogRatio), ratio.IsNew ? NewReasonOf(levels[i]) : ReasonCode.None);
            }
        }

        return count;
    }

    private static int AddDevice(ref PendingTerms terms, int count, TermWeight weight, UserProfile profile, in ScoringInput input)
    {
        foreach (var kind in DeviceIdentities)
        {
            var ratio = ProfileLikelihood.Level(profile, input.Population, input.Features, kind);
            if (ratio.HasEvidence)
            {
                terms[count++] = new ScoreContribution(ScoreFactor.ProfileDevice, weight.Apply(ratio.LogRatio), Math.Exp(ratio.LogRatio), ratio.IsNew ? ReasonCode.ProfileDeviceNew : ReasonCode.None);
                break;
            }
        }

        return count;
    }

    /// <summary>
    /// Freeman's <c>p(u | attack) / p(u | legit)</c>: attackers pick users uniformly (1 / users), legitimate
    /// traffic comes from each user in proportion to their activity (actions of u / all actions).
    /// </summary>
    private static void AddUserPrior(ref ContributionSet set, TermWeight weight, UserProfile profile, PopulationCounts population)
    {
        var actions = Math.Max(population.TotalActions, profile.ActionCount);
        var users = Math.Max(population.TotalUsers, 1);
        var ratio = (double)actions / users / profile.ActionCount;
        set.Add(ScoreFactor.UserPrior, weight.Apply(Math.Log(ratio)), ratio, ReasonCode.ProfileUserInfrequent);
    }

    private static void AddAccountAge(ref ContributionSet set, ScoringModelOptions options, UserProfile profile, ActionFacts action)
    {
        if (profile.FirstSeen is not { } firstSeen || !Contains(options.SensitiveActionTypes, action.ActionType))
        {
            return;
        }

        var age = action.OccurredAt - firstSeen;
        if (age < options.NewAccountAge)
        {
            set.Add(ScoreFactor.NewAccount, options.NewAccount, Math.Max(0, age.TotalHours), ReasonCode.AccountNew);
        }
    }

    internal static bool IsRegistration(string actionType) => string.Equals(actionType, "register", StringComparison.Ordinal);

    internal static bool Contains(IList<string> actionTypes, string actionType)
    {
        for (var i = 0; i < actionTypes.Count; i++)
        {
            if (string.Equals(actionTypes[i], actionType, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static ScoreFactor FactorOf(FeatureKind kind) => kind switch
    {
        FeatureKind.Country => ScoreFactor.ProfileCountry,
        FeatureKind.Asn => ScoreFactor.ProfileAsn,
        FeatureKind.Ip => ScoreFactor.ProfileIp,
        FeatureKind.Platform => ScoreFactor.ProfilePlatform,
        FeatureKind.Os => ScoreFactor.ProfileOs,
        FeatureKind.Browser => ScoreFactor.ProfileBrowser,
        FeatureKind.UserAgent => ScoreFactor.ProfileUserAgent,
        _ => ScoreFactor.ProfileDevice,
    };

    private static ReasonCode NewReasonOf(FeatureKind kind) => kind switch
    {
        FeatureKind.Country => ReasonCode.ProfileCountryNew,
        FeatureKind.Asn => ReasonCode.ProfileNetworkNew,
        FeatureKind.Ip => ReasonCode.ProfileIpNew,
        FeatureKind.Platform => ReasonCode.ProfilePlatformNew,
        FeatureKind.Os => ReasonCode.ProfileOsNew,
        FeatureKind.Browser => ReasonCode.ProfileBrowserNew,
        FeatureKind.UserAgent => ReasonCode.ProfileUserAgentNew,
        _ => ReasonCode.ProfileDeviceNew,
    };

    /// <summary>Room for every profile term of one action: three network levels, four client levels, one device, the tenant rarity.</summary>
    [System.Runtime.CompilerServices.InlineArray(9)]
    private struct PendingTerms
    {
        private ScoreContribution _element;
    }
}
