using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using RiskFunctions.Domain.Enrichment.IpIntelligence;

namespace RiskFunctions.Domain.Tests.Enrichment.IpIntelligence;

public sealed class IpAddressValueTests
{
    [Theory]
    [InlineData("0.0.0.0", 0u)]
    [InlineData("255.255.255.255", uint.MaxValue)]
    [InlineData("160.221.187.219", 0xA0DDBBDBu)]
    [InlineData("10.0.0.1", 0x0A000001u)]
    public void TryParse_DottedQuad_GivesIPv4Bits(string text, uint expected)
    {
        Assert.True(IpAddressValue.TryParse(text, out var value));
        Assert.True(value.IsIPv4);
        Assert.Equal(expected, value.IPv4Bits);
        Assert.Equal(text, value.ToString());
    }

    [Theory]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("::FFFF:cb00:7107", "203.0.113.7")]
    [InlineData("0:0:0:0:0:ffff:203.0.113.7", "203.0.113.7")]
    public void TryParse_IPv4MappedIPv6_IsNormalizedToIPv4(string text, string expected)
    {
        Assert.True(IpAddressValue.TryParse(text, out var value));
        Assert.True(value.IsIPv4);
        Assert.Equal(expected, value.ToString());
    }

    [Theory]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("1::")]
    [InlineData("2001:db8::1")]
    [InlineData("2001:0db8:0000:0000:0000:ff00:0042:8329")]
    [InlineData("2001:db8:0:0:1:0:0:1")]
    [InlineData("fe80::1:2:3:4")]
    [InlineData("1:2:3:4:5:6:7:8")]
    [InlineData("1:2:3:4:5:6::")]
    [InlineData("::2:3:4:5:6:7:8")]
    [InlineData("64:ff9b::192.0.2.33")]
    [InlineData("::192.0.2.33")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    public void TryParse_IPv6Forms_AgreeWithSystemNet(string text)
    {
        Assert.True(IpAddressValue.TryParse(text, out var value));
        Assert.False(value.IsIPv4);
        Assert.Equal(Expected(text), value.Bits);
    }

    [Fact]
    public void TryParse_ZoneId_IsIgnored()
    {
        Assert.True(IpAddressValue.TryParse("fe80::1%eth0", out var value));
        Assert.Equal(Expected("fe80::1"), value.Bits);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3.-4")]
    [InlineData("01.2.3.4")]
    [InlineData("1.2.3.4 ")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("2130706433")]
    [InlineData("1..2.3")]
    [InlineData(":")]
    [InlineData(":::")]
    [InlineData("1:::2")]
    [InlineData("1::2::3")]
    [InlineData(":1:2:3:4:5:6:7")]
    [InlineData("1:2:3:4:5:6:7:")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("1:2:3:4:5:6:7::8")]
    [InlineData("1:2:3:4:5:6:7:8::")]
    [InlineData("12345::")]
    [InlineData("g::1")]
    [InlineData("::1.2.3")]
    [InlineData("1:2:3:4:5:6:7:1.2.3.4")]
    [InlineData("::1.2.3.4:5")]
    [InlineData("[::1]")]
    [InlineData("' or 1=1 --")]
    public void TryParse_Malformed_ReturnsFalse(string text) =>
        Assert.False(IpAddressValue.TryParse(text, out _));

    [Fact]
    public void TryParse_RandomIPv6InEveryTextForm_AgreesWithSystemNet()
    {
        var random = new Random(20240601);
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < 5_000; i++)
        {
            random.NextBytes(bytes);
            // Zero runs exercise "::" compression in different places.
            var zeroFrom = random.Next(0, 16);
            bytes[zeroFrom..Math.Min(16, zeroFrom + random.Next(0, 12))].Clear();
            var address = new IPAddress(bytes);
            var expected = BinaryPrimitives.ReadUInt128BigEndian(bytes);
            foreach (var text in new[] { address.ToString(), Expanded(bytes), address.ToString().ToUpperInvariant() })
            {
                Assert.True(IpAddressValue.TryParse(text, out var value), text);
                Assert.Equal(IpAddressValue.FromIPv6(expected), value);
            }
        }
    }

    [Fact]
    public void ToString_IPv6_UsesCanonicalForm()
    {
        Assert.True(IpAddressValue.TryParse("2001:0DB8:0:0:0:0:0:1", out var value));
        Assert.Equal("2001:db8::1", value.ToString());
    }

    private static UInt128 Expected(string text)
    {
        var address = IPAddress.Parse(text);
        Assert.Equal(AddressFamily.InterNetworkV6, address.AddressFamily);
        return BinaryPrimitives.ReadUInt128BigEndian(address.GetAddressBytes());
    }

    private static string Expanded(ReadOnlySpan<byte> bytes)
    {
        var groups = new string[8];
        for (var i = 0; i < 8; i++)
        {
            groups[i] = BinaryPrimitives.ReadUInt16BigEndian(bytes[(i * 2)..]).ToString("x4", System.Globalization.CultureInfo.InvariantCulture);
        }

        return string.Join(':', groups);
    }
}
