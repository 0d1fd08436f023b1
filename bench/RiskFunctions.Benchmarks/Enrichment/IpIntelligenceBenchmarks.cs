using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using RiskFunctions.Domain.Enrichment;
using RiskFunctions.Domain.Enrichment.IpIntelligence;
using RiskFunctions.Domain.Enrichment.UserAgents;

namespace RiskFunctions.Benchmarks.Enrichment;

/// <summary>
/// IP lookups against tables the size of the public city data sets (synthetic, generated in memory:
/// 1,000,000 IPv4 and 250,000 IPv6 city ranges over 50,000 distinct locations, 60,000 ASN ranges,
/// 20,000 risky networks), and the whole enrichment of one action (user agent + IP) as scoring calls it.
/// </summary>
[MemoryDiagnoser]
public class IpIntelligenceBenchmarks
{
    private const int IPv4Ranges = 1_000_000;
    private const int IPv6Ranges = 250_000;

    private IpIntelligenceDatabase _database = IpIntelligenceDatabase.Empty;
    private ActionEnricher _enricher = null!;
    private string[] _ipv4 = [];
    private string[] _ipv6 = [];
    private IpAddressValue[] _parsed = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _database = new IpIntelligenceBuilder()
            .AddCities(new StringReader(CityCsv(random)), "city.csv", IpDataFormat.DbIp)
            .AddAutonomousSystems(new StringReader(AsnCsv(random)), "asn.csv", IpDataFormat.DbIp)
            .AddRiskyNetset(new StringReader(Netset(random)), "risky.netset")
            .Build();
        var parser = new UserAgentParser();
        _enricher = new ActionEnricher(parser, _database);
        foreach (var ua in UserAgentSamples.Mix)
        {
            parser.Parse(ua);
        }

        _ipv4 = [.. Enumerable.Range(0, 1024).Select(_ => IpAddressValue.FromIPv4((uint)random.NextInt64(0x0100_0000, 0xDFFF_FFFF)).ToString())];
        _ipv6 = [.. Enumerable.Range(0, 1024).Select(_ => IpAddressValue.FromIPv6(new UInt128(0x2000_0000_0000_0000UL | (ulong)random.NextInt64(0, 1L << 44), (ulong)random.NextInt64())).ToString())];
        _parsed = [.. _ipv4.Select(ip => IpAddressValue.TryParse(ip, out var value) ? value : default)];
    }

    [Benchmark(Baseline = true)]
    public IpIntelligenceResult LookupParsedIPv4() => _database.Lookup(_parsed[_next++ & 1023]);

    [Benchmark]
    public IpIntelligenceResult LookupTextIPv4() => _database.Lookup(_ipv4[_next++ & 1023]);

    [Benchmark]
    public IpIntelligenceResult LookupTextIPv6() => _database.Lookup(_ipv6[_next++ & 1023]);

    [Benchmark]
    public ActionEnrichment EnrichAction()
    {
        var i = _next++;
        return _enricher.Enrich(_ipv4[i & 1023], UserAgentSamples.Mix[i % UserAgentSamples.Mix.Length]);
    }

    private static string CityCsv(Random random)
    {
        var csv = new StringBuilder(IPv4Ranges * 80);
        var locations = Enumerable.Range(0, 50_000)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"EU,{(char)('A' + (i % 26))}{(char)('A' + (i / 26 % 26))},Region {i % 500},City {i},{random.Next(-80, 80)}.5,{random.Next(-170, 170)}.25"))
            .ToArray();
        AppendRanges(csv, random, IPv4Ranges, isIPv6: false, _ => locations[random.Next(locations.Length)]);
        AppendRanges(csv, random, IPv6Ranges, isIPv6: true, _ => locations[random.Next(locations.Length)]);
        return csv.ToString();
    }

    private static string AsnCsv(Random random)
    {
        var csv = new StringBuilder();
        AppendRanges(csv, random, 50_000, isIPv6: false, i => string.Create(CultureInfo.InvariantCulture, $"{(i % 9000) + 1},Network {i % 9000}"));
        AppendRanges(csv, random, 10_000, isIPv6: true, i => string.Create(CultureInfo.InvariantCulture, $"{(i % 9000) + 1},Network {i % 9000}"));
        return csv.ToString();
    }

    private static string Netset(Random random)
    {
        var netset = new StringBuilder();
        for (var i = 0; i < 20_000; i++)
        {
            netset.Append(IpAddressValue.FromIPv4((uint)random.NextInt64(0x0100_0000, 0xDFFF_FFFF))).Append('/').Append(random.Next(24, 33)).Append('\n');
        }

        return netset.ToString();
    }

    // Disjoint ranges spread over the unicast space (IPv4) or 2000::/3 (IPv6).
    private static void AppendRanges(StringBuilder csv, Random random, int count, bool isIPv6, Func<int, string> value)
    {
        if (!isIPv6)
        {
            var step = 0xDE00_0000u / (uint)count;
            for (var i = 0; i < count; i++)
            {
                var start = 0x0100_0000u + ((uint)i * step);
                var end = start + (uint)random.Next(0, (int)step);
                csv.Append(IpAddressValue.FromIPv4(start)).Append(',').Append(IpAddressValue.FromIPv4(end)).Append(',').Append(value(i)).Append('\n');
            }

            return;
        }

        var step6 = (UInt128.One << 125) / (UInt128)(uint)count;
        for (var i = 0; i < count; i++)
        {
            var start = (UInt128.One << 125) + ((UInt128)(uint)i * step6);
            var end = start + (step6 / 2);
            csv.Append(IpAddressValue.FromIPv6(start)).Append(',').Append(IpAddressValue.FromIPv6(end)).Append(',').Append(value(i)).Append('\n');
        }
    }
}
