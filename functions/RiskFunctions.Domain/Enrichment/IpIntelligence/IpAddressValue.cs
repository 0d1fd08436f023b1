using System.Globalization;
using System.Net;

namespace RiskFunctions.Domain.Enrichment.IpIntelligence;

/// <summary>
/// An IPv4 or IPv6 address as a number, parsed without allocating. IPv4-mapped IPv6 addresses
/// (<c>::ffff:203.0.113.7</c>) are normalized to IPv4, so one client always has one value whichever
/// way a proxy wrote it.
/// </summary>
public readonly record struct IpAddressValue
{
    private static readonly UInt128 MappedPrefix = new(0, 0x0000_FFFF_0000_0000);
    private static readonly UInt128 MappedMask = new(ulong.MaxValue, 0xFFFF_FFFF_0000_0000);

    private IpAddressValue(UInt128 bits, bool isIPv4)
    {
        Bits = bits;
        IsIPv4 = isIPv4;
    }

    /// <summary>Whether this is an IPv4 address (including one that arrived IPv4-mapped).</summary>
    public bool IsIPv4 { get; }

    /// <summary>The address bits: the low 32 bits for IPv4, all 128 for IPv6.</summary>
    public UInt128 Bits { get; }

    /// <summary>The IPv4 address as a 32-bit number (only meaningful when <see cref="IsIPv4"/>).</summary>
    public uint IPv4Bits => (uint)Bits;

    public static IpAddressValue FromIPv4(uint bits) => new(bits, isIPv4: true);

    /// <summary>An IPv6 address; an IPv4-mapped one becomes IPv4.</summary>
    public static IpAddressValue FromIPv6(UInt128 bits) =>
        (bits & MappedMask) == MappedPrefix ? FromIPv4((uint)bits) : new(bits, isIPv4: false);

    /// <summary>An IPv6 address taken literally, even inside the IPv4-mapped block (for range bounds).</summary>
    internal static IpAddressValue FromIPv6Unmapped(UInt128 bits) => new(bits, isIPv4: false);

    /// <summary>
    /// Parses a textual address: strict dotted-quad IPv4 (no leading zeros, no shorthand forms) or
    /// IPv6 in any RFC 4291 form, with an optional embedded IPv4 tail and an ignored zone id (<c>%eth0</c>).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IpAddressValue value)
    {
        value = default;
        if (text.IsEmpty || text.Length > 64)
        {
            return false;
        }

        if (text.Contains(':'))
        {
            var zone = text.IndexOf('%');
            if (zone >= 0)
            {
                text = text[..zone];
            }

            if (!TryParseIPv6(text, out var v6))
            {
                return false;
            }

            value = FromIPv6(v6);
            return true;
        }

        if (!TryParseIPv4(text, out var v4))
        {
            return false;
        }

        value = FromIPv4(v4);
        return true;
    }

    public override string ToString()
    {
        if (IsIPv4)
        {
            var v4 = IPv4Bits;
            return string.Create(CultureInfo.InvariantCulture, $"{v4 >> 24}.{(v4 >> 16) & 0xFF}.{(v4 >> 8) & 0xFF}.{v4 & 0xFF}");
        }

        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, Bits);
        return new IPAddress(bytes).ToString();
    }

    internal static bool TryParseIPv4(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        var part = 0;
        var position = 0;
        while (true)
        {
            var start = position;
            var octet = 0;
            while (position < text.Length && char.IsAsciiDigit(text[position]) && position - start < 3)
            {
                octet = (octet * 10) + (text[position] - '0');
                position++;
            }

            var digits = position - start;
            if (digits == 0 || octet > 255 || (digits > 1 && text[start] == '0'))
            {
                return false;
            }

            value = (value << 8) | (uint)octet;
            part++;
            if (part == 4)
            {
                return position == text.Length;
            }

            if (position >= text.Length || text[position] != '.')
            {
                return false;
            }

            position++;
        }
    }

    private static bool TryParseIPv6(ReadOnlySpan<char> text, out UInt128 value)
    {
        value = default;
        Span<ushort> groups = stackalloc ushort[8];
        var count = 0;
        var gapAt = -1;
        var position = 0;

        if (text.StartsWith("::"))
        {
            gapAt = 0;
            position = 2;
        }
        else if (text.Length > 0 && text[0] == ':')
        {
            return false;
        }

        while (position < text.Length)
        {
            var start = position;
            var group = 0;
            while (position < text.Length && char.IsAsciiHexDigit(text[position]) && position - start < 5)
            {
                group = (group << 4) | HexValue(text[position]);
                position++;
            }

            if (position < text.Length && text[position] == '.')
            {
                // An IPv4 tail takes the last two groups and must end the address.
                if (count > 6 || !TryParseIPv4(text[start..], out var tail))
                {
                    return false;
                }

                groups[count++] = (ushort)(tail >> 16);
                groups[count++] = (ushort)tail;
                position = text.Length;
                break;
            }

            var digits = position - start;
            if (digits is 0 or > 4 || count == 8)
            {
                return false;
            }

            groups[count++] = (ushort)group;
            if (position == text.Length)
            {
                break;
            }

            if (text[position] != ':')
            {
                return false;
            }

            position++;
            if (position < text.Length && text[position] == ':')
            {
                if (gapAt >= 0)
                {
                    return false;
                }

                gapAt = count;
                position++;
            }
            else if (position == text.Length)
            {
                // A single trailing colon.
                return false;
            }
        }

        if (gapAt < 0 ? count != 8 : count > 7)
        {
            return false;
        }

        UInt128 bits = 0;
        var gap = 8 - count;
        for (int i = 0, source = 0; i < 8; i++)
        {
            var isGap = gapAt >= 0 && i >= gapAt && i < gapAt + gap;
            var group = isGap ? (ushort)0 : groups[source++];
            bits = (bits << 16) | group;
        }

        value = bits;
        return true;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
