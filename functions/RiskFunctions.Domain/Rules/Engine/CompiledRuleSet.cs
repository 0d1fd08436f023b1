using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RiskFunctions.Domain.Contract.Rules;
using RiskFunctions.Domain.Rules.Model;
using RiskFunctions.Domain.Rules.Values;

namespace RiskFunctions.Domain.Rules.Engine;

/// <summary>
/// A tenant's rules compiled into indexes, evaluated in constant time per fact regardless of how many rules
/// there are. Immutable and thread-safe; evaluation allocates nothing.
/// </summary>
/// <remarks>
/// Every enabled rule gets a rank: its position when sorted by priority (ties, which storage never produces,
/// are broken by id so results stay deterministic). Each index maps a fact's value to the best production rank
/// and the best preview rank among the rules that match it, so evaluating an action is one probe per fact
/// followed by two minimums: the smallest production rank decides; the smallest preview rank is reported when
/// it comes before it.
/// </remarks>
public sealed class CompiledRuleSet
{
    private const int CountrySlots = 26 * 26;

    private readonly CompiledRule[] rules;
    private readonly FrozenDictionary<string, RankPair>? deviceIds;
    private readonly FrozenDictionary<string, RankPair>? deviceFingerprints;
    private readonly FrozenDictionary<string, RankPair>? devicePublicKeys;
    private readonly FrozenDictionary<string, RankPair>? userIds;
    private readonly FrozenDictionary<string, RankPair>? browserNames;
    private readonly FrozenDictionary<string, RankPair>? osVersions;
    private readonly RankPair[]? countries;
    private readonly CidrRangeTable<uint>? ipv4;
    private readonly CidrRangeTable<UInt128>? ipv6;

    private CompiledRuleSet(Builder builder)
    {
        rules = builder.Rules;
        deviceIds = Freeze(builder.Exact[(int)MatcherKind.DeviceIds], MatcherKind.DeviceIds);
        deviceFingerprints = Freeze(builder.Exact[(int)MatcherKind.DeviceFingerprints], MatcherKind.DeviceFingerprints);
        devicePublicKeys = Freeze(builder.Exact[(int)MatcherKind.DevicePublicKeys], MatcherKind.DevicePublicKeys);
        userIds = Freeze(builder.Exact[(int)MatcherKind.UserIds], MatcherKind.UserIds);
        browserNames = Freeze(builder.Exact[(int)MatcherKind.BrowserNames], MatcherKind.BrowserNames);
        osVersions = Freeze(builder.Exact[(int)MatcherKind.OsVersions], MatcherKind.OsVersions);
        countries = builder.Countries;
        ipv4 = builder.IPv4.Count > 0 ? CidrRangeTable<uint>.Build(builder.IPv4) : null;
        ipv6 = builder.IPv6.Count > 0 ? CidrRangeTable<UInt128>.Build(builder.IPv6) : null;
    }

    /// <summary>A rule set with no rules: every evaluation answers <see cref="RuleEvaluation.None"/>.</summary>
    public static CompiledRuleSet Empty { get; } = Compile([]);

    /// <summary>The enabled rules in evaluation order; a rule's <see cref="CompiledRule.Rank"/> is its index.</summary>
    public IReadOnlyList<CompiledRule> Rules => rules;

    /// <summary>Compiles <paramref name="rules"/>; disabled rules are left out, as they never match.</summary>
    public static CompiledRuleSet Compile(IEnumerable<RecommendationRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var enabled = rules.Where(static r => r.Enabled).ToArray();
        Array.Sort(enabled, static (a, b) =>
            a.Priority != b.Priority ? a.Priority.CompareTo(b.Priority) : string.CompareOrdinal(a.Id, b.Id));

        var builder = new Builder(enabled.Length);
        for (var rank = 0; rank < enabled.Length; rank++)
        {
            builder.Add(enabled[rank], rank);
        }

        return new CompiledRuleSet(builder);
    }

    /// <summary>Evaluates one action's facts.</summary>
    public RuleEvaluation Evaluate(in RuleFacts facts)
    {
        var production = RankPair.None;
        var preview = RankPair.None;
        Probe(deviceIds, facts.DeviceId, ref production, ref preview);
        Probe(deviceFingerprints, facts.DeviceFingerprint, ref production, ref preview);
        Probe(devicePublicKeys, facts.DevicePublicKey, ref production, ref preview);
        Probe(userIds, facts.UserId, ref production, ref preview);
        Probe(browserNames, facts.BrowserName, ref production, ref preview);
        Probe(osVersions, facts.OsVersion, ref production, ref preview);

        if (countries is not null && facts.CountryCode is { Length: 2 } country)
        {
            var slot = CountrySlot(country[0], country[1]);
            if (slot >= 0)
            {
                countries[slot].MergeInto(ref production, ref preview);
            }
        }

        if (facts.Ip is { } ip)
        {
            if (ip.IsIPv4)
            {
                ipv4?.Find(ip.IPv4Bits).MergeInto(ref production, ref preview);
            }
            else
            {
                ipv6?.Find(ip.Bits).MergeInto(ref production, ref preview);
            }
        }

        return new RuleEvaluation(
            production == RankPair.None ? null : rules[production],
            preview < production ? rules[preview] : null);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Probe(FrozenDictionary<string, RankPair>? index, string? value, ref int production, ref int preview)
    {
        if (index is null || value is null)
        {
            return;
        }

        ref readonly var pair = ref index.GetValueRefOrNullRef(value);
        if (!Unsafe.IsNullRef(in pair))
        {
            pair.MergeInto(ref production, ref preview);
        }
    }

    /// <summary>Slot of a two-letter code in the country table, ignoring case; -1 when not two ASCII letters.</summary>
    private static int CountrySlot(char first, char second)
    {
        // Clearing bit 5 folds a-z onto A-Z; exactly the ASCII letters land in 0..25 afterwards.
        var a = (first & ~0x20) - 'A';
        var b = (second & ~0x20) - 'A';
        return (uint)a < 26 && (uint)b < 26 ? (a * 26) + b : -1;
    }

    private static FrozenDictionary<string, RankPair>? Freeze(Dictionary<string, RankPair>? values, MatcherKind kind) =>
        values is null ? null : values.ToFrozenDictionary(MatcherValues.ComparerFor(kind));

    private sealed class Builder(int count)
    {
        public CompiledRule[] Rules { get; } = new CompiledRule[count];

        public Dictionary<string, RankPair>?[] Exact { get; } = new Dictionary<string, RankPair>?[Enum.GetValues<MatcherKind>().Length];

        public RankPair[]? Countries { get; private set; }

        public List<CidrRangeTable<uint>.Entry> IPv4 { get; } = [];

        public List<CidrRangeTable<UInt128>.Entry> IPv6 { get; } = [];

        public void Add(RecommendationRule rule, int rank)
        {
            Rules[rank] = new CompiledRule(rule, rank);
            var preview = rule.Mode == RuleMode.Preview;
            var kind = rule.Matcher.Kind;
            foreach (var value in rule.Matcher.Values)
            {
                switch (kind)
                {
                    case MatcherKind.IpCidrs:
                        AddRange(value, rank, preview);
                        break;
                    case MatcherKind.CountryCodes:
                        Countries ??= NewCountryTable();
                        Countries[CountrySlot(value[0], value[1])].Add(rank, preview);
                        break;
                    default:
                        var index = Exact[(int)kind] ??= new Dictionary<string, RankPair>(MatcherValues.ComparerFor(kind));
                        ref var pair = ref CollectionsMarshal.GetValueRefOrAddDefault(index, value, out var exists);
                        if (!exists)
                        {
                            pair = RankPair.Empty;
                        }

                        pair.Add(rank, preview);
                        break;
                }
            }
        }

        private static RankPair[] NewCountryTable()
        {
            var table = new RankPair[CountrySlots];
            Array.Fill(table, RankPair.Empty);
            return table;
        }

        private void AddRange(string cidr, int rank, bool preview)
        {
            if (!CidrParser.TryParse(cidr, out var parsed, out _))
            {
                throw new InvalidOperationException("A rule matcher holds a value that is not a CIDR; matchers are validated on creation.");
            }

            var range = parsed.Range;
            if (parsed.IsIPv4)
            {
                IPv4.Add(new CidrRangeTable<uint>.Entry(range.First.IPv4Bits, range.Last.IPv4Bits, rank, preview));
            }
            else
            {
                IPv6.Add(new CidrRangeTable<UInt128>.Entry(range.First.Bits, range.Last.Bits, rank, preview));
            }
        }
    }
}
