using RiskFunctions.Domain.Contract.Rules;
using RiskFunctions.Domain.Enrichment.IpIntelligence;
using RiskFunctions.Domain.Rules.Engine;
using RiskFunctions.Domain.Rules.Model;
using RiskFunctions.Domain.Rules.Values;

namespace RiskFunctions.Testing.Rules;

/// <summary>
/// The rule semantics written as plainly as possible: walk the rules in priority order and test each one.
/// It is the reference the compiled engine is checked against and the baseline it is measured against.
/// </summary>
public sealed class LinearRuleEvaluator
{
    private readonly Entry[] entries;

    public LinearRuleEvaluator(IEnumerable<RecommendationRule> rules)
    {
        entries = rules
            .Where(r => r.Enabled)
            .OrderBy(r => r.Priority)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new Entry(r, r.Matcher.Kind == MatcherKind.IpCidrs ? r.Matcher.Values.Select(Parse).ToArray() : []))
            .ToArray();
    }

    /// <summary>The deciding production rule and the preview rule that would have won, as in the contract.</summary>
    public (RecommendationRule? Production, RecommendationRule? Preview) Evaluate(in RuleFacts facts)
    {
        RecommendationRule? preview = null;
        foreach (var entry in entries)
        {
            if (!Matches(entry, facts))
            {
                continue;
            }

            if (entry.Rule.Mode == RuleMode.Production)
            {
                return (entry.Rule, preview);
            }

            preview ??= entry.Rule;
        }

        return (null, preview);
    }

    private static bool Matches(Entry entry, in RuleFacts facts)
    {
        var values = entry.Rule.Matcher.Values;
        return entry.Rule.Matcher.Kind switch
        {
            MatcherKind.IpCidrs => facts.Ip is { } ip && ContainsIp(entry.Networks, ip),
            MatcherKind.DeviceIds => Contains(values, facts.DeviceId, StringComparison.Ordinal),
            MatcherKind.DeviceFingerprints => Contains(values, facts.DeviceFingerprint, StringComparison.Ordinal),
            MatcherKind.DevicePublicKeys => Contains(values, facts.DevicePublicKey, StringComparison.Ordinal),
            MatcherKind.UserIds => Contains(values, facts.UserId, StringComparison.Ordinal),
            MatcherKind.CountryCodes => Contains(values, facts.CountryCode, StringComparison.OrdinalIgnoreCase),
            MatcherKind.BrowserNames => Contains(values, facts.BrowserName, StringComparison.OrdinalIgnoreCase),
            MatcherKind.OsVersions => Contains(values, facts.OsVersion, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    private static bool ContainsIp(RuleCidr[] networks, IpAddressValue ip)
    {
        foreach (var network in networks)
        {
            if (network.Contains(ip))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(IReadOnlyList<string> values, string? fact, StringComparison comparison)
    {
        if (fact is null)
        {
            return false;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], fact, comparison))
            {
                return true;
            }
        }

        return false;
    }

    private static RuleCidr Parse(string cidr) =>
        CidrParser.TryParse(cidr, out var network, out var error)
            ? network
            : throw new ArgumentException($"'{cidr}' {error}", nameof(cidr));

    private sealed record Entry(RecommendationRule Rule, RuleCidr[] Networks);
}
