using RiskFunctions.Domain.Enrichment.IpIntelligence;

namespace RiskFunctions.Domain.Tests.Enrichment.IpIntelligence;

public sealed class IpNetworkTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0", "10.255.255.255")]
    [InlineData("10.1.2.3/8", "10.0.0.0", "10.255.255.255")]
    [InlineData("192.0.2.7/32", "192.0.2.7", "192.0.2.7")]
    [InlineData("0.0.0.0/0", "0.0.0.0", "255.255.255.255")]
    [InlineData("198.51.100.7", "198.51.100.7", "198.51.100.7")]
    [InlineData("2001:db8::/32", "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("2001:db8::1/128", "2001:db8::1", "2001:db8::1")]
    [InlineData("::/0", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("::ffff:100.64.0.0/106", "100.64.0.0", "100.127.255.255")]
    public void TryParse_ValidNetwork_GivesFirstAndLastAddress(string text, string first, string last)
    {
        Assert.True(IpNetwork.TryParse(text, out var network));
        Assert.Equal(first, network.First.ToString());
        Assert.Equal(last, network.Last.ToString());
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("::/129")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/1000")]
    [InlineData("10.0.0.0/8/8")]
    [InlineData("garbage")]
    [InlineData("::ffff:10.0.0.0/95")]
    public void TryParse_InvalidNetwork_ReturnsFalse(string text) =>
        Assert.False(IpNetwork.TryParse(text, out _));

    [Fact]
    public void TryParse_WideIPv6NetworkAcrossMappedBlock_StaysIPv6()
    {
        Assert.True(IpNetwork.TryParse("::/64", out var network));
        Assert.False(network.First.IsIPv4);
        Assert.False(network.Last.IsIPv4);
    }

    [Theory]
    [InlineData("10.0.0.9", "10.0.0.1")]
    [InlineData("10.0.0.1", "2001:db8::1")]
    public void TryCreate_ReversedOrMixedFamilies_ReturnsFalse(string first, string last)
    {
        Assert.True(IpAddressValue.TryParse(first, out var a));
        Assert.True(IpAddressValue.TryParse(last, out var b));
        Assert.False(IpNetwork.TryCreate(a, b, out _));
    }
}
