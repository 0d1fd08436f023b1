namespace RiskFunctions.Domain.Rules.Model;

/// <summary>The wire names of the matcher kinds (the keys of the contract's <c>matcher</c> object).</summary>
public static class MatcherKinds
{
    private static readonly string[] Names =
    [
        "ip_cidrs",
        "device_ids",
        "device_fingerprints",
        "device_public_keys",
        "user_ids",
        "country_codes",
        "browser_names",
        "os_versions",
    ];

    /// <summary>Every wire name, in declaration order of <see cref="MatcherKind"/>.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>The message for a matcher with none or several kinds: <c>must have exactly one of ip_cidrs, ...</c>.</summary>
    public static string ExactlyOneMessage { get; } = "must have exactly one of " + string.Join(", ", Names);

    public static string WireName(MatcherKind kind) => Names[(int)kind];

    /// <summary>Parses an exact, case-sensitive wire name.</summary>
    public static bool TryParse(string? name, out MatcherKind kind)
    {
        var index = Array.IndexOf(Names, name);
        kind = (MatcherKind)Math.Max(index, 0);
        return index >= 0;
    }
}
