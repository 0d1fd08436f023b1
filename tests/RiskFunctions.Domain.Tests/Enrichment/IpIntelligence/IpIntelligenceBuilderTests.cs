using RiskFunctions.Domain.Enrichment.IpIntelligence;

namespace RiskFunctions.Domain.Tests.Enrichment.IpIntelligence;

public sealed class IpIntelligenceBuilderTests
{
    [Theory]
    [InlineData("1.0.0.0,1.0.0.255\n", "expected at least 3 comma-separated fields, found 2.")]
    [InlineData("1.0.0.0,1.0.0.999,AU\n", "'1.0.0.0' - '1.0.0.999' is not an address range.")]
    [InlineData("1.0.0.9,1.0.0.1,AU\n", "'1.0.0.9' - '1.0.0.1' mixes address families or ends before it starts.")]
    [InlineData("1.0.0.0,::1,AU\n", "'1.0.0.0' - '::1' mixes address families or ends before it starts.")]
    [InlineData("1.0.0.0,1.0.0.255,AUS\n", "'AUS' is not a two-letter country code.")]
    [InlineData("1.0.0.0,1.0.0.255,\"AU\n", "a quoted field is not closed.")]
    [InlineData("1.0.0.0,1.0.0.255,\"AU\"x\n", "unexpected text after a closing quote.")]
    public void AddCountries_MalformedDbIpLine_NamesSourceAndLine(string line, string problem)
    {
        var csv = "2.0.0.0,2.0.0.255,FR\n" + line;
        var error = Assert.Throws<IpDataFormatException>(() =>
            new IpIntelligenceBuilder().AddCountries(new StringReader(csv), "country.csv", IpDataFormat.DbIp));
        Assert.Equal("country.csv, line 2: " + problem, error.Message);
    }

    [Fact]
    public void AddCities_BadCoordinate_NamesLine()
    {
        var error = Assert.Throws<IpDataFormatException>(() => new IpIntelligenceBuilder().AddCities(
            new StringReader("1.0.0.0,1.0.0.255,OC,AU,Queensland,Brisbane,-127.5,153\n"), "city.csv"));
        Assert.Equal("city.csv, line 1: '-127.5' is not a coordinate.", error.Message);
    }

    [Fact]
    public void AddAutonomousSystems_BadNumber_NamesLine()
    {
        var error = Assert.Throws<IpDataFormatException>(() => new IpIntelligenceBuilder().AddAutonomousSystems(
            new StringReader("1.0.0.0,1.0.0.255,-5,Nope\n"), "asn.csv"));
        Assert.Equal("asn.csv, line 1: '-5' is not an AS number.", error.Message);
    }

    [Fact]
    public void Build_OverlappingRangesWithDifferentValues_IsRejected()
    {
        var builder = new IpIntelligenceBuilder().AddCountries(
            new StringReader("1.0.0.0,1.0.0.255,AU\n1.0.0.128,1.0.1.0,NZ\n"), "country.csv");
        var error = Assert.Throws<IpDataFormatException>(builder.Build);
        Assert.Equal("countries: Ranges 1.0.0.0-1.0.0.255 and 1.0.0.128-1.0.1.0 overlap; each address must belong to one range.", error.Message);
    }

    [Fact]
    public void Build_SameRangeTwiceWithSameValue_IsKeptOnce()
    {
        var database = new IpIntelligenceBuilder()
            .AddCountries(new StringReader("1.0.0.0,1.0.0.255,AU\n"), "a.csv")
            .AddCountries(new StringReader("::ffff:1.0.0.0,::ffff:1.0.0.255,AU\n"), "b.csv")
            .Build();
        Assert.Equal(1, database.Statistics.CountryRanges);
        Assert.Equal("AU", database.Lookup("1.0.0.7").Location?.CountryCode);
    }

    [Fact]
    public void AddCountries_HeaderLineAndBlankLinesAndBom_AreTolerated()
    {
        var database = new IpIntelligenceBuilder()
            .AddCountries(new StringReader("\uFEFFip_start,ip_end,country\n\n1.0.0.0,1.0.0.255,AU\n\n"), "country.csv")
            .Build();
        Assert.Equal("AU", database.Lookup("1.0.0.1").Location?.CountryCode);
    }

    [Fact]
    public void AddHostingAsns_ConfiguredNumber_IsTypedHosting()
    {
        var database = new IpIntelligenceBuilder()
            .AddAutonomousSystems(new StringReader("192.0.2.0,192.0.2.255,64500,Example Hosting\n"), "asn.csv")
            .AddHostingAsns([64500])
            .Build();
        Assert.True(database.Lookup("192.0.2.1").IsHosting);
    }

    [Fact]
    public void Empty_AnswersNothing() =>
        Assert.Equal(IpIntelligenceResult.None, IpIntelligenceDatabase.Empty.Lookup("8.8.8.8"));

    [Theory]
    [InlineData(400)]
    [InlineData(3000)]
    public void Lookup_RandomRanges_AgreesWithLinearScan(int count)
    {
        // Disjoint random IPv4 and IPv6 ranges, checked against a brute-force search at every range
        // boundary, its neighbours and random points. 3,000 ranges is past the size where the bucket index
        // on the top 16 bits is built, and the ranges spread over many buckets.
        var random = new Random(7);
        var v4 = new List<(uint Start, uint End, string Country)>();
        long cursor = 0;
        for (var i = 0; i < count; i++)
        {
            var start = cursor + random.Next(0, 700_000);
            var end = start + random.Next(0, 700_000);
            v4.Add(((uint)start, (uint)end, Country(i)));
            cursor = end + 1;
        }

        var v6 = new List<(UInt128 Start, UInt128 End, string Country)>();
        var cursor6 = new UInt128(0x2000_0000_0000_0000, 0);
        for (var i = 0; i < count; i++)
        {
            var start = cursor6 + new UInt128((ulong)random.NextInt64(0, 1L << 45), (ulong)random.NextInt64());
            var end = start + new UInt128((ulong)random.NextInt64(0, 1L << 45), (ulong)random.NextInt64());
            v6.Add((start, end, Country(i + 7)));
            cursor6 = end + 1;
        }

        var csv = string.Join('\n', v4.Select(r => $"{IpAddressValue.FromIPv4(r.Start)},{IpAddressValue.FromIPv4(r.End)},{r.Country}")
            .Concat(v6.Select(r => $"{IpAddressValue.FromIPv6(r.Start)},{IpAddressValue.FromIPv6(r.End)},{r.Country}"))
            .OrderBy(_ => random.Next()));
        var database = new IpIntelligenceBuilder().AddCountries(new StringReader(csv), "random.csv").Build();

        foreach (var (start, end, _) in v4)
        {
            foreach (var probe in new[] { start - 1, start, start + 1, (start / 2) + (end / 2), end - 1, end, end + 1, (uint)random.NextInt64(0, uint.MaxValue) })
            {
                Assert.Equal(Expected(v4, probe), database.Lookup(IpAddressValue.FromIPv4(probe)).Location?.CountryCode);
            }
        }

        foreach (var (start, end, _) in v6)
        {
            foreach (var probe in new[] { start - 1, start, end, end + 1 })
            {
                Assert.Equal(Expected(v6, probe), database.Lookup(IpAddressValue.FromIPv6(probe)).Location?.CountryCode);
            }
        }
    }

    // The brute-force answer: the range whose start is the greatest not above the probe, if it reaches it.
    private static string? Expected<T>(List<(T Start, T End, string Country)> ranges, T probe)
        where T : IComparable<T>
    {
        var match = ranges.Where(r => r.Start.CompareTo(probe) <= 0 && probe.CompareTo(r.End) <= 0).ToList();
        Assert.True(match.Count <= 1);
        return match.Count == 0 ? null : match[0].Country;
    }

    // Two-letter codes from A-W only, so never the "unknown" codes XX and ZZ.
    private static string Country(int i) => new([(char)('A' + (i % 23)), (char)('A' + (i / 23 % 23))]);
}
