namespace RiskFunctions.Domain.Scoring;

/// <summary>
/// The features a user profile and the tenant population are counted by. The order of the members is
/// part of the storage format (<see cref="FeatureKinds.Code"/>) only through the codes, never through
/// the numeric values, so members may be appended but never reordered in stored data.
/// </summary>
/// <remarks>
/// Two hierarchies follow Freeman et al. (NDSS 2016) as evaluated by Wiefling et al. (ACM TOPS 2022):
/// network (country, then autonomous system, then IP address) and client (device platform, then OS with
/// version, then browser with major version, then the full user-agent string). Each level's key includes
/// its parent's key, so a child's count never exceeds its parent's. The device identifiers stand alone.
/// </remarks>
public enum FeatureKind
{
    Country = 0,
    Asn = 1,
    Ip = 2,
    Platform = 3,
    Os = 4,
    Browser = 5,
    UserAgent = 6,
    Device = 7,
    Fingerprint = 8,
    PublicKey = 9,
}

/// <summary>Facts about <see cref="FeatureKind"/> members: hierarchy, storage codes.</summary>
public static class FeatureKinds
{
    /// <summary>Number of kinds; arrays indexed by kind have this length.</summary>
    public const int Count = 10;

    /// <summary>Every kind, in a stable order.</summary>
    public static IReadOnlyList<FeatureKind> All { get; } =
    [
        FeatureKind.Country, FeatureKind.Asn, FeatureKind.Ip,
        FeatureKind.Platform, FeatureKind.Os, FeatureKind.Browser, FeatureKind.UserAgent,
        FeatureKind.Device, FeatureKind.Fingerprint, FeatureKind.PublicKey,
    ];

    /// <summary>The enclosing level of a hierarchical kind, or <c>null</c> for a root.</summary>
    public static FeatureKind? Parent(this FeatureKind kind) => kind switch
    {
        FeatureKind.Asn => FeatureKind.Country,
        FeatureKind.Ip => FeatureKind.Asn,
        FeatureKind.Os => FeatureKind.Platform,
        FeatureKind.Browser => FeatureKind.Os,
        FeatureKind.UserAgent => FeatureKind.Browser,
        _ => null,
    };

    public static bool IsRoot(this FeatureKind kind) => kind.Parent() is null;

    /// <summary>
    /// A short, stable code used in storage keys. Never change an existing code: stored profiles and
    /// population counts are keyed by it.
    /// </summary>
    public static string Code(this FeatureKind kind) => kind switch
    {
        FeatureKind.Country => "cc",
        FeatureKind.Asn => "asn",
        FeatureKind.Ip => "ip",
        FeatureKind.Platform => "plt",
        FeatureKind.Os => "os",
        FeatureKind.Browser => "br",
        FeatureKind.UserAgent => "ua",
        FeatureKind.Device => "dev",
        FeatureKind.Fingerprint => "fp",
        FeatureKind.PublicKey => "pk",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown feature kind."),
    };

    /// <summary>The kind whose <see cref="Code"/> is <paramref name="code"/>.</summary>
    public static bool TryParseCode(string code, out FeatureKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Code(), code, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
