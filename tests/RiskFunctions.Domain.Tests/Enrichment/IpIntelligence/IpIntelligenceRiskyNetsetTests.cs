using RiskFunctions.Domain.Enrichment.IpIntelligence;

namespace RiskFunctions.Domain.Tests.Enrichment.IpIntelligence;

public sealed class IpIntelligenceRiskyNetsetTests
{
    private static readonly IpIntelligenceDatabase Database = Load();

    [Theory]
    [InlineData("203.0.113.0")]
    [InlineData("203.0.113.255")]
    [InlineData("203.0.114.77")]
    [InlineData("198.51.100.7")]
    [InlineData("192.0.2.128")]
    [InlineData("192.0.2.255")]
    [InlineData("10.0.0.200")]
    [InlineData("100.100.1.1")]
    [InlineData("::ffff:203.0.113.5")]
    [InlineData("2001:db8:bad:1::1")]
    public void Lookup_ListedAddress_IsRisky(string ip) =>
        Assert.True(Database.Lookup(ip).IsRiskyReputation);

    [Theory]
    [InlineData("203.0.112.255")]
    [InlineData("203.0.115.0")]
    [InlineData("198.51.100.8")]
    [InlineData("192.0.2.127")]
    [InlineData("10.0.1.0")]
    [InlineData("2001:db8:bae::1")]
    [InlineData("")]
    public void Lookup_UnlistedAddress_IsNotRisky(string ip) =>
        Assert.False(Database.Lookup(ip).IsRiskyReputation);

    [Fact]
    public void Build_OverlappingAndAdjacentEntries_AreMerged()
    {
        // 203.0.113.0/24, its upper half again and the adjacent 203.0.114.0/24 become one range.
        Assert.Equal(new IpIntelligenceStatistics(0, 0, 0, RiskyRanges: 6), Database.Statistics);
    }

    [Theory]
    [InlineData("10.0.0.0/33", 2)]
    [InlineData("example.com", 2)]
    [InlineData("10.0.0.9-10.0.0.1", 2)]
    public void AddRiskyNetset_BadEntry_NamesLine(string entry, int line)
    {
        var error = Assert.Throws<IpDataFormatException>(() =>
            new IpIntelligenceBuilder().AddRiskyNetset(new StringReader("# list\n" + entry + "\n"), "bad.netset"));
        Assert.Equal(line, error.LineNumber);
        Assert.StartsWith("bad.netset, line 2: '", error.Message, StringComparison.Ordinal);
    }

    private static IpIntelligenceDatabase Load()
    {
        using var level1 = Fixture.Open("risky-level1.netset");
        using var extra = Fixture.Open("risky-extra.netset");
        return new IpIntelligenceBuilder()
            .AddRiskyNetset(level1, "risky-level1.netset")
            .AddRiskyNetset(extra, "risky-extra.netset")
            .Build();
    }
}
