using System.Globalization;
using RiskFunctions.Domain.Contract.Rules;
using RiskFunctions.Domain.Enrichment.IpIntelligence;
using RiskFunctions.Domain.Rules.Engine;
using RiskFunctions.Domain.Rules.Model;
using RiskFunctions.Domain.Rules.Values;
using RiskFunctions.Domain.Validation;

namespace RiskFunctions.Testing.Rules;

/// <summary>Shape of a generated rule set.</summary>
/// <param name="RuleCount">Rules in total.</param>
/// <param name="CidrRules">How many of them match on IP ranges (half IPv4, half IPv6).</param>
/// <param name="PoolSize">
/// Distinct values per matcher kind (and distinct network bases per family). Small pools make rules overlap
/// heavily, which is what an equivalence test wants; large pools resemble real rule sets.
/// </param>
/// <param name="MaxValuesPerRule">Values per rule are drawn from 1..this.</param>
/// <param name="PreviewShare">Fraction of rules in preview mode.</param>
/// <param name="DisabledShare">Fraction of rules disabled.</param>
/// <param name="FactHitRate">
/// Chance that a present fact of a generated action is drawn from the rules' pools (and so may match);
/// otherwise it is a value no rule names. Each fact is also absent a quarter of the time.
/// </param>
public sealed record RuleSetShape(
    int RuleCount,
    int CidrRules,
    int PoolSize,
    int MaxValuesPerRule = 3,
    double PreviewShare = 0.3,
    double DisabledShare = 0.1,
    double FactHitRate = 0.5);

/// <summary>
/// Deterministic random rule sets and actions for equivalence tests and benchmarks. Every value goes through
/// <see cref="MatcherValues"/>, so generated rules are exactly what the API would accept.
/// </summary>
public sealed class RuleSetGenerator
{
    private static readonly string[] Browsers =
        ["Chrome", "Firefox", "Safari", "Edge", "Opera", "Yandex", "Electron", "Samsung Internet", "Brave", "Vivaldi"];

    private static readonly string[] Countries = IsoCountryCodes.Assigned.Order(StringComparer.Ordinal).ToArray();

    private readonly Random random;
    private readonly RuleSetShape shape;
    private readonly uint[] ipv4Bases;
    private readonly UInt128[] ipv6Bases;

    public RuleSetGenerator(RuleSetShape shape, int seed)
    {
        ArgumentNullException.ThrowIfNull(shape);
        this.shape = shape;
        random = new Random(seed);
        ipv4Bases = Enumerable.Range(0, shape.PoolSize).Select(_ => (uint)random.NextInt64(0, uint.MaxValue + 1L)).ToArray();
        ipv6Bases = Enumerable.Range(0, shape.PoolSize).Select(_ => RandomUInt128()).ToArray();
    }

    /// <summary>Rules with unique priorities 1..<see cref="RuleSetShape.RuleCount"/> in random order.</summary>
    public IReadOnlyList<RecommendationRule> Rules()
    {
        var priorities = Enumerable.Range(1, shape.RuleCount).ToArray();
        random.Shuffle(priorities);
        var kinds = Enum.GetValues<MatcherKind>().Where(k => k != MatcherKind.IpCidrs).ToArray();
        var rules = new List<RecommendationRule>(shape.RuleCount);
        for (var i = 0; i < shape.RuleCount; i++)
        {
            var kind = i < shape.CidrRules ? MatcherKind.IpCidrs : kinds[random.Next(kinds.Length)];
            var count = random.Next(1, shape.MaxValuesPerRule + 1);
            var values = Enumerable.Range(0, count).Select(_ => RuleValue(kind, i)).ToArray();
            if (!MatcherValues.TryCreateMatcher(kind, values, out var matcher, out var errors))
            {
                throw new InvalidOperationException("Generated an invalid value: " + errors[0].Message);
            }

            rules.Add(new RecommendationRule
            {
                Id = i.ToString("x32", CultureInfo.InvariantCulture),
                Name = "rule " + i.ToString(CultureInfo.InvariantCulture),
                Priority = priorities[i],
                Matcher = matcher!,
                Recommendation = (RuleRecommendationType)random.Next(3),
                Enabled = random.NextDouble() >= shape.DisabledShare,
                Mode = random.NextDouble() < shape.PreviewShare ? RuleMode.Preview : RuleMode.Production,
            });
        }

        return rules;
    }

    /// <summary>
    /// An action whose facts are absent, drawn from the rules' pools (so they can match), or values no rule
    /// names, per <see cref="RuleSetShape.FactHitRate"/>; names are sometimes spelled in another letter case.
    /// </summary>
    public RuleFacts Facts() => new()
    {
        Ip = Absent() ? null : Hit() ? PooledAddress() : UnpooledAddress(),
        DeviceId = Absent() ? null : Id("device", PooledOrUnseen()),
        DeviceFingerprint = Absent() ? null : Id("fp", PooledOrUnseen()),
        DevicePublicKey = Absent() ? null : Id("key", PooledOrUnseen()),
        UserId = Absent() ? null : Id("user", PooledOrUnseen()),
        CountryCode = Absent() ? null : Hit() ? RandomCase(Country()) : "ZZ",
        BrowserName = Absent() ? null : Hit() ? RandomCase(Browsers[random.Next(Browsers.Length)]) : "Netscape",
        OsVersion = Absent() ? null : RandomCase(OsVersion(PooledOrUnseen())),
    };

    private string RuleValue(MatcherKind kind, int rule) => kind switch
    {
        MatcherKind.IpCidrs => rule % 2 == 0 ? IPv4Range() : IPv6Range(),
        MatcherKind.DeviceIds => Id("device", random.Next(shape.PoolSize)),
        MatcherKind.DeviceFingerprints => Id("fp", random.Next(shape.PoolSize)),
        MatcherKind.DevicePublicKeys => Id("key", random.Next(shape.PoolSize)),
        MatcherKind.UserIds => Id("user", random.Next(shape.PoolSize)),
        MatcherKind.CountryCodes => Country(),
        MatcherKind.BrowserNames => Browsers[random.Next(Browsers.Length)],
        MatcherKind.OsVersions => OsVersion(random.Next(shape.PoolSize)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private string Country() => Countries[random.Next(Math.Min(shape.PoolSize, Countries.Length))];

    private string IPv4Range()
    {
        var prefix = random.Next(8, 33);
        var address = ipv4Bases[random.Next(ipv4Bases.Length)] ^ (uint)random.Next(1 << 12);
        return IpAddressValue.FromIPv4(address) + "/" + prefix.ToString(CultureInfo.InvariantCulture);
    }

    private string IPv6Range()
    {
        var prefix = random.Next(16, 129);
        var address = ipv6Bases[random.Next(ipv6Bases.Length)] ^ (UInt128)(ulong)random.NextInt64();
        return IpAddressValue.FromIPv6(address) + "/" + prefix.ToString(CultureInfo.InvariantCulture);
    }

    private bool Absent() => random.Next(4) == 0;

    private bool Hit() => random.NextDouble() < shape.FactHitRate;

    private int PooledOrUnseen() => Hit() ? random.Next(shape.PoolSize) : shape.PoolSize + random.Next(100_000);

    private IpAddressValue UnpooledAddress() =>
        random.Next(2) == 0
            ? IpAddressValue.FromIPv4((uint)random.NextInt64(0, uint.MaxValue + 1L))
            : IpAddressValue.FromIPv6(RandomUInt128());

    private IpAddressValue PooledAddress() => random.Next(10) switch
    {
        < 4 => IpAddressValue.FromIPv4(ipv4Bases[random.Next(ipv4Bases.Length)] ^ (uint)random.Next(1 << 12)),

        // Written IPv4-mapped: the value is the IPv4 address, as parsing it from text would give.
        4 => IpAddressValue.FromIPv6((UInt128)0xFFFF_0000_0000 | ipv4Bases[random.Next(ipv4Bases.Length)]),
        _ => IpAddressValue.FromIPv6(ipv6Bases[random.Next(ipv6Bases.Length)] ^ (UInt128)(ulong)random.NextInt64()),
    };

    private static string Id(string kind, int n) =>
        kind + "-" + n.ToString("x8", CultureInfo.InvariantCulture) + "-3f1c-4c59-9a0e-5b7d2c8e1a64";

    private static string OsVersion(int n) =>
        (10 + (n % 8)).ToString(CultureInfo.InvariantCulture) + "." + (n / 8).ToString(CultureInfo.InvariantCulture) + ".1";

    private string RandomCase(string value) =>
        random.Next(3) == 0 ? value.ToLowerInvariant() : random.Next(3) == 0 ? value.ToUpperInvariant() : value;

    private UInt128 RandomUInt128() => new((ulong)random.NextInt64() | 0x2000_0000_0000_0000, (ulong)random.NextInt64());
}
