namespace RiskFunctions.Domain.Scoring;

/// <summary>
/// How rare the action's network is in the whole tenant, for an address the user has never shown: an
/// address (and autonomous system) that few or none of the tenant's trusted actions came from is likelier
/// an attacker's than one a crowd of legitimate users shares (a corporate NAT, a big ISP).
/// </summary>
/// <remarks>
/// <para>
/// Freeman's ratio <c>p(x | population) / p(x | u)</c> assumes that attackers draw their values from the
/// population, so for a value the user never showed it reduces to <c>(c + d) / d</c> whatever the value's
/// tenant-wide frequency. Attackers rather come from addresses the tenant has rarely seen; this term adds
/// that evidence, per level <c>ln((k + ½) / (n + ½))</c> where <c>n</c> is the tenant-wide count of the
/// value in trusted actions and <c>k</c> the count at which a value counts as common (the term is then 0;
/// below it adds risk, above it lowers it). The levels' sum is weighted and capped once, reported as one
/// term whose observed value is the address's tenant-wide count.
/// </para>
/// <para>
/// Levels: the IP address, and its autonomous system when IP intelligence names one. A fresh address in
/// an autonomous system the user has shown is routine (residential addresses change, and are unique to
/// their home) and is left to the profile terms, as is an address the user has shown. A user without
/// history is judged by the tenant counts alone: a fresh address of a big ISP is discounted by the ISP's
/// frequency.
/// </para>
/// <para>
/// For a known user the term is part of the departure from the user's history and shares the profile
/// terms' cap (<see cref="ScoringModelOptions.Profile"/>): a known user's departure alone still never
/// reaches DENY.
/// </para>
/// </remarks>
public static class TenantRarityTerms
{
    /// <summary>
    /// Whether scoring may need the tenant-wide count of <paramref name="kind"/>'s value for this user: the
    /// IP address or autonomous system, when the user has not shown it.
    /// </summary>
    public static bool Reads(FeatureKind kind, string key, UserProfile? profile) =>
        kind is FeatureKind.Ip or FeatureKind.Asn && !Shown(profile, kind, key);

    /// <summary>The term for this action, or <c>null</c> when it does not apply.</summary>
    internal static ScoreContribution? Evaluate(ScoringModelOptions options, in ScoringInput input)
    {
        var profile = input.Profile;
        if (input.Action.UserId is null || input.Features[FeatureKind.Ip] is not { } ip || Shown(profile, FeatureKind.Ip, ip))
        {
            return null;
        }

        // Without IP intelligence the ASN level is a placeholder every address shares: no evidence either way.
        var asnKnown = !string.IsNullOrEmpty(input.Action.Network.Asn) && input.Features[FeatureKind.Asn] is not null;
        if (asnKnown && Shown(profile, FeatureKind.Asn, input.Features[FeatureKind.Asn]!))
        {
            return null;
        }

        var ipCount = input.Population.Value(FeatureKind.Ip);
        var raw = Rarity(ipCount, options.CommonIpCount);
        if (asnKnown)
        {
            raw += Rarity(input.Population.Value(FeatureKind.Asn), options.CommonAsnCount);
        }

        return new ScoreContribution(ScoreFactor.TenantRarity, options.TenantRarity.Apply(raw), ipCount, ReasonCode.IpRareInTenant);
    }

    private static bool Shown(UserProfile? profile, FeatureKind kind, string key) => profile is not null && profile.TryGet(kind, key, out _);

    private static double Rarity(long count, int common) => Math.Log((common + 0.5) / (count + 0.5));
}
