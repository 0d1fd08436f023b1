namespace RiskFunctions.Domain.Scoring;

/// <summary>
/// How rare the action's network is in the whole tenant, for the levels the user has never shown: an
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
/// For a known user the term is part of the departure from the user's history and shares the profile
/// terms' cap (<see cref="ScoringModelOptions.Profile"/>): a known user's departure alone still never
/// reaches DENY.
/// </para>
/// <para>
/// A value the user has shown is left to the profile terms. A user without history is judged by the
/// address alone: the tenant counts do not depend on the user.
/// </para>
/// </remarks>
public static class TenantRarityTerms
{
    /// <summary>The network levels whose tenant-wide counts this term reads, finest first.</summary>
    public static IReadOnlyList<FeatureKind> Levels { get; } = [FeatureKind.Ip, FeatureKind.Asn];

    /// <summary>Whether the term needs the tenant-wide count of <paramref name="kind"/> for this user.</summary>
    public static bool Reads(FeatureKind kind, string key, UserProfile? profile) =>
        (kind is FeatureKind.Ip or FeatureKind.Asn) && (profile is null || !profile.TryGet(kind, key, out _));

    /// <summary>The term for this action, or <c>null</c> when the user has shown its address or there is none.</summary>
    internal static ScoreContribution? Evaluate(ScoringModelOptions options, in ScoringInput input)
    {
        if (input.Action.UserId is null || input.Features[FeatureKind.Ip] is not { } ip || !Reads(FeatureKind.Ip, ip, input.Profile))
        {
            return null;
        }

        var ipCount = input.Population.Value(FeatureKind.Ip);
        var raw = Rarity(ipCount, options.CommonIpCount);
        if (input.Features[FeatureKind.Asn] is { } asn && Reads(FeatureKind.Asn, asn, input.Profile))
        {
            raw += Rarity(input.Population.Value(FeatureKind.Asn), options.CommonAsnCount);
        }

        return new ScoreContribution(ScoreFactor.TenantRarity, options.TenantRarity.Apply(raw), ipCount, ReasonCode.IpRareInTenant);
    }

    private static double Rarity(long count, int common) => Math.Log((common + 0.5) / (count + 0.5));
}
