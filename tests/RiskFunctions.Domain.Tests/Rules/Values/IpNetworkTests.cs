using System.Net;
using System.Net.Sockets;
using RiskFunctions.Domain.Rules.Values;

namespace RiskFunctions.Domain.Tests.Rules.Values;

public sealed class IpNetworkTests
{
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
    public void Contains_Address_MatchesRangeOfSameFamily(string cidr, string address, bool expected)
    {
        Assert.True(CidrParser.TryParse(cidr, out var network, out _));

        Assert.Equal(expected, network.Contains(IPAddress.Parse(address)));
    }

    [Fact]
    public void Last_OfIPv4Range_IsBroadcastAddress()
    {
        Assert.True(CidrParser.TryParse("192.168.4.0/22", out var network, out _));

        Assert.Equal((UInt128)0xC0A807FF, network.Last);
    }

    [Fact]
    public void Last_OfWholeIPv6Space_IsAllOnes()
    {
        Assert.True(CidrParser.TryParse("::/0", out var network, out _));

        Assert.Equal(UInt128.MaxValue, network.Last);
    }

    [Fact]
    public void Create_HostBitsSet_ClearsThem()
    {
        var network = IpNetwork.Create(AddressFamily.InterNetwork, 0x0A010203, 16);

        Assert.Equal((UInt128)0x0A010000, network.Network);
    }

    [Fact]
    public void Create_PrefixLongerThanFamily_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IpNetwork.Create(AddressFamily.InterNetwork, 0, 33));
    }
}
