using RiskFunctions.Domain.Rules.Values;
using static RiskFunctions.Domain.Tests.Rules.RuleBuilder;

namespace RiskFunctions.Domain.Tests.Rules.Values;

public sealed class CidrParserTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData("10.1.2.3/8", "10.0.0.0/8")]
    [InlineData(" 192.168.1.77/24 ", "192.168.1.0/24")]
    [InlineData("203.0.113.9", "203.0.113.9/32")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("255.255.255.255/32", "255.255.255.255/32")]
    [InlineData("2001:DB8:0:0::1/32", "2001:db8::/32")]
    [InlineData("2001:db8::1", "2001:db8::1/128")]
    [InlineData("::/0", "::/0")]
    [InlineData("fe80::abcd/10", "fe80::/10")]
    [InlineData("::ffff:10.1.2.3/104", "10.0.0.0/8")]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3/32")]
    [InlineData("::ffff:0:0/96", "0.0.0.0/0")]
    public void TryParse_ValidRange_NormalizesToNetworkAddress(string text, string expected)
    {
        Assert.True(CidrParser.TryParse(text, out var network, out var error), error);
        Assert.Equal(expected, network.ToString());
    }

    [Theory]
    [InlineData("10.0.0.0/33", "prefix length")]
    [InlineData("::/129", "prefix length")]
    [InlineData("10.0.0.0/-1", "prefix length")]
    [InlineData("10.0.0.0/08", "prefix length")]
    [InlineData("10.0.0.0/", "prefix length")]
    [InlineData("10.0.0.0/8/8", "prefix length")]
    [InlineData("10.0.0.0/ 8", "prefix length")]
    [InlineData("garbage", "IPv4")]
    [InlineData("10", "IPv4")]
    [InlineData("10.1", "IPv4")]
    [InlineData("10.1.2", "IPv4")]
    [InlineData("10.1.2.3.4", "IPv4")]
    [InlineData("256.0.0.0/8", "IPv4")]
    [InlineData("010.0.0.0/8", "IPv4")]
    [InlineData("0x0a.0.0.0/8", "IPv4")]
    [InlineData("10.0.0.0 /8", "IPv4")]
    [InlineData("/8", "IPv4")]
    [InlineData("fe80::1%eth0/64", "IPv6")]
    [InlineData("::ffff:10.0.0.0/95", "at least 96")]
    [InlineData("[::1]/128", "IPv6")]
    [InlineData("2001:db8:::1/64", "IPv6")]
    [InlineData("12345::/16", "IPv6")]
    [InlineData("", "CIDR notation")]
    [InlineData("   ", "CIDR notation")]
    public void TryParse_InvalidRange_SaysWhy(string text, string expectedInMessage)
    {
        Assert.False(CidrParser.TryParse(text, out _, out var error));
        Assert.Contains(expectedInMessage, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Null_Fails()
    {
        Assert.False(CidrParser.TryParse(null, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void TryParse_OverlongText_Fails()
    {
        Assert.False(CidrParser.TryParse(new string('1', CidrParser.MaxLength + 1), out _, out var error));
        Assert.Contains("at most", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_IPv4MappedRange_IsAnIPv4Range()
    {
        Assert.True(CidrParser.TryParse("::ffff:192.0.2.0/120", out var cidr, out _));

        Assert.True(cidr.IsIPv4);
        Assert.Equal(24, cidr.PrefixLength);
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0", true)]
    [InlineData("10.0.0.0/8", "10.255.255.255", true)]
    [InlineData("10.0.0.0/8", "11.0.0.0", false)]
    [InlineData("10.0.0.0/8", "9.255.255.255", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.9.8.7", true)]
    [InlineData("0.0.0.0/0", "255.255.255.255", true)]
    [InlineData("0.0.0.0/0", "2001:db8::1", false)]
    [InlineData("::/0", "2001:db8::1", true)]
    [InlineData("::/0", "10.0.0.1", false)]
    [InlineData("::/0", "::ffff:10.0.0.1", false)]
    [InlineData("2001:db8::/32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db8::/32", "2001:db9::", false)]
    [InlineData("203.0.113.7/32", "203.0.113.7", true)]
    [InlineData("203.0.113.7/32", "203.0.113.8", false)]
    public void Contains_Address_MatchesRangesOfItsFamilyOnly(string text, string address, bool expected)
    {
        Assert.True(CidrParser.TryParse(text, out var cidr, out _));

        Assert.Equal(expected, cidr.Contains(Ip(address)));
    }
}
