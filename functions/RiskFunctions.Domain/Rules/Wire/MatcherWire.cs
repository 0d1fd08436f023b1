using RiskFunctions.Domain.Contract.Rules;
using RiskFunctions.Domain.Rules.Model;

namespace RiskFunctions.Domain.Rules.Wire;

/// <summary>Between the contract's <c>matcher</c> object (eight optional lists) and a kind with its values.</summary>
public static class MatcherWire
{
    /// <summary>The lists present in <paramref name="matcher"/> (an empty list is present), in kind order.</summary>
    public static IReadOnlyList<(MatcherKind Kind, IReadOnlyList<string> Values)> Present(Matcher matcher)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        var present = new List<(MatcherKind, IReadOnlyList<string>)>(1);
        Add(present, MatcherKind.IpCidrs, matcher.IpCidrs);
        Add(present, MatcherKind.DeviceIds, matcher.DeviceIds);
        Add(present, MatcherKind.DeviceFingerprints, matcher.DeviceFingerprints);
        Add(present, MatcherKind.DevicePublicKeys, matcher.DevicePublicKeys);
        Add(present, MatcherKind.UserIds, matcher.UserIds);
        Add(present, MatcherKind.CountryCodes, matcher.CountryCodes);
        Add(present, MatcherKind.BrowserNames, matcher.BrowserNames);
        Add(present, MatcherKind.OsVersions, matcher.OsVersions);
        return present;
    }

    /// <summary>The contract object carrying exactly <paramref name="matcher"/>'s list.</summary>
    public static Matcher ToWire(RuleMatcher matcher)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        var values = matcher.Values;
        return matcher.Kind switch
        {
            MatcherKind.IpCidrs => new Matcher { IpCidrs = values },
            MatcherKind.DeviceIds => new Matcher { DeviceIds = values },
            MatcherKind.DeviceFingerprints => new Matcher { DeviceFingerprints = values },
            MatcherKind.DevicePublicKeys => new Matcher { DevicePublicKeys = values },
            MatcherKind.UserIds => new Matcher { UserIds = values },
            MatcherKind.CountryCodes => new Matcher { CountryCodes = values },
            MatcherKind.BrowserNames => new Matcher { BrowserNames = values },
            MatcherKind.OsVersions => new Matcher { OsVersions = values },
            _ => throw new ArgumentOutOfRangeException(nameof(matcher), matcher.Kind, "Unknown matcher kind."),
        };
    }

    private static void Add(List<(MatcherKind, IReadOnlyList<string>)> present, MatcherKind kind, IReadOnlyList<string>? values)
    {
        if (values is not null)
        {
            present.Add((kind, values));
        }
    }
}
