using System.Net.Sockets;
using RiskFunctions.Domain.Rules.Values;

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
        Assert.NotNull(error);
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
        Assert.True(CidrParser.TryParse("::ffff:192.0.2.0/120", out var network, out _));

        Assert.Equal(AddressFamily.InterNetwork, network.Family);
        Assert.Equal(24, network.PrefixLength);
    }

    [Fact]
    public void TryParse_ShortPrefixOverMappedSpace_StaysIPv6()
    {
        Assert.True(CidrParser.TryParse("::ffff:0:0/95", out var network, out _));

        Assert.Equal(AddressFamily.InterNetworkV6, network.Family);
    }
}
