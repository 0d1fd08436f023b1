using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RiskFunctions.Domain.Rules.Values;

/// <summary>
/// A normalized CIDR range: the network address (host bits cleared) and the prefix length. IPv4 ranges keep
/// their address in the low 32 bits of <see cref="Network"/>.
/// </summary>
/// <remarks>
/// IPv4-mapped IPv6 ranges (<c>::ffff:10.0.0.0/104</c>) are stored as the IPv4 range they denote
/// (<c>10.0.0.0/8</c>) because addresses are matched the same way: an IPv4 or IPv4-mapped address is looked up
/// among the IPv4 ranges, a native IPv6 address among the IPv6 ranges.
/// </remarks>
public readonly record struct IpNetwork
{
    private IpNetwork(AddressFamily family, UInt128 network, int prefixLength)
    {
        Family = family;
        Network = network;
        PrefixLength = prefixLength;
    }

    /// <summary><see cref="AddressFamily.InterNetwork"/> or <see cref="AddressFamily.InterNetworkV6"/>.</summary>
    public AddressFamily Family { get; }

    /// <summary>The first address of the range.</summary>
    public UInt128 Network { get; }

    public int PrefixLength { get; }

    /// <summary>The last address of the range.</summary>
    public UInt128 Last => Network | (~Mask(Bits(Family), PrefixLength) & AllOnes(Bits(Family)));

    /// <summary>Builds a range from an address and a prefix length, clearing the host bits.</summary>
    public static IpNetwork Create(AddressFamily family, UInt128 address, int prefixLength)
    {
        if (family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentOutOfRangeException(nameof(family), family, "Only IPv4 and IPv6 ranges exist.");
        }

        var bits = Bits(family);
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, bits);
        return new IpNetwork(family, address & Mask(bits, prefixLength) & AllOnes(bits), prefixLength);
    }

    /// <summary>Whether <paramref name="address"/> lies in this range. IPv4-mapped IPv6 addresses count as IPv4.</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return IpKey.TryGet(address, out var family, out var value) && family == Family
            && (value & Mask(Bits(family), PrefixLength)) == Network;
    }

    /// <summary>The canonical text: dotted quad or RFC 5952 IPv6, always with the prefix length.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[16];
        IPAddress address;
        if (Family == AddressFamily.InterNetwork)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)Network);
            address = new IPAddress(bytes[..4]);
        }
        else
        {
            BinaryPrimitives.WriteUInt128BigEndian(bytes, Network);
            address = new IPAddress(bytes);
        }

        return string.Create(CultureInfo.InvariantCulture, $"{address}/{PrefixLength}");
    }

    internal static int Bits(AddressFamily family) => family == AddressFamily.InterNetwork ? 32 : 128;

    private static UInt128 AllOnes(int bits) => bits == 128 ? UInt128.MaxValue : ((UInt128)1 << bits) - 1;

    private static UInt128 Mask(int bits, int prefixLength) =>
        prefixLength == 0 ? UInt128.Zero : (AllOnes(bits) << (bits - prefixLength)) & AllOnes(bits);
}
