using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace RiskFunctions.Domain.Rules.Values;

/// <summary>Turns an address into the integer the range tables are keyed by, without allocating.</summary>
internal static class IpKey
{
    /// <summary>
    /// IPv4 addresses and IPv4-mapped IPv6 addresses (<c>::ffff:a.b.c.d</c>) yield their 32-bit value and
    /// <see cref="AddressFamily.InterNetwork"/>; other IPv6 addresses their 128-bit value.
    /// </summary>
    public static bool TryGet(IPAddress address, out AddressFamily family, out UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            family = AddressFamily.Unknown;
            value = UInt128.Zero;
            return false;
        }

        if (written == 4)
        {
            family = AddressFamily.InterNetwork;
            value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            return true;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            family = AddressFamily.InterNetwork;
            value = BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]);
            return true;
        }

        family = AddressFamily.InterNetworkV6;
        value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        return true;
    }
}
