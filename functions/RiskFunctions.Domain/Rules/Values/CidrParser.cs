using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace RiskFunctions.Domain.Rules.Values;

/// <summary>
/// Strict CIDR parsing: <c>a.b.c.d/n</c> (n 0..32) or an IPv6 address with <c>/n</c> (n 0..128). A bare address
/// is a single-host range. Host bits are allowed and cleared (<c>10.1.2.3/8</c> is <c>10.0.0.0/8</c>).
/// </summary>
/// <remarks>
/// <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> alone is too lenient for rules: it reads <c>10</c>
/// as <c>0.0.0.10</c> and <c>10.1</c> as <c>10.0.0.1</c>, and accepts octal-looking parts and zone ids. A rule
/// that silently matches a different range than its author meant is worse than a 400, so IPv4 is parsed here
/// as exactly four decimal parts without leading zeros, and IPv6 zone ids and brackets are refused.
/// </remarks>
public static class CidrParser
{
    /// <summary>Longest text accepted; the longest valid form (full IPv6 with embedded IPv4 and /128) is 50.</summary>
    public const int MaxLength = 64;

    /// <summary>Parses <paramref name="text"/> (surrounding white space ignored) into a normalized range.</summary>
    /// <param name="text">The CIDR text.</param>
    /// <param name="network">The normalized range when the text is valid.</param>
    /// <param name="error">Why the text is not a CIDR, written for the client, when it is not valid.</param>
    public static bool TryParse(string? text, out IpNetwork network, out string? error)
    {
        network = default;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            error = "must be an IPv4 or IPv6 range in CIDR notation, e.g. 203.0.113.0/24 or 2001:db8::/32";
            return false;
        }

        if (span.Length > MaxLength)
        {
            error = $"must be at most {MaxLength} characters";
            return false;
        }

        var slash = span.IndexOf('/');
        var addressPart = slash < 0 ? span : span[..slash];
        var isV6 = addressPart.Contains(':');
        var bits = isV6 ? 128 : 32;
        var prefixLength = bits;
        if (slash >= 0 && !TryParsePrefixLength(span[(slash + 1)..], bits, out prefixLength))
        {
            error = $"prefix length must be a whole number from 0 to {bits}";
            return false;
        }

        if (isV6)
        {
            if (!TryParseIPv6(addressPart, out var value))
            {
                error = "is not a valid IPv6 address";
                return false;
            }

            network = ToNetwork(value, prefixLength);
        }
        else
        {
            if (!TryParseIPv4(addressPart, out var value))
            {
                error = "is not a valid IPv4 address (four decimal numbers 0-255 without leading zeros)";
                return false;
            }

            network = IpNetwork.Create(AddressFamily.InterNetwork, value, prefixLength);
        }

        error = null;
        return true;
    }

    private static IpNetwork ToNetwork(UInt128 value, int prefixLength)
    {
        // ::ffff:0:0/96 and everything inside it are IPv4 ranges written in IPv6 form.
        const int mappedPrefix = 96;
        var mappedMarker = (UInt128)0xFFFF << 32;
        if (prefixLength >= mappedPrefix && (value >> 32) == (mappedMarker >> 32))
        {
            return IpNetwork.Create(AddressFamily.InterNetwork, (uint)value, prefixLength - mappedPrefix);
        }

        return IpNetwork.Create(AddressFamily.InterNetworkV6, value, prefixLength);
    }

    private static bool TryParsePrefixLength(ReadOnlySpan<char> text, int bits, out int prefixLength)
    {
        prefixLength = 0;
        if (text.IsEmpty || text.Length > 3 || (text.Length > 1 && text[0] == '0'))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            prefixLength = (prefixLength * 10) + (c - '0');
        }

        return prefixLength <= bits;
    }

    private static bool TryParseIPv4(ReadOnlySpan<char> text, out UInt128 value)
    {
        value = UInt128.Zero;
        uint result = 0;
        var parts = 0;
        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            if (++parts > 4 || part.IsEmpty || part.Length > 3 || (part.Length > 1 && part[0] == '0'))
            {
                return false;
            }

            var octet = 0;
            foreach (var c in part)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }

                octet = (octet * 10) + (c - '0');
            }

            if (octet > 255)
            {
                return false;
            }

            result = (result << 8) | (uint)octet;
        }

        value = result;
        return parts == 4;
    }

    private static bool TryParseIPv6(ReadOnlySpan<char> text, out UInt128 value)
    {
        value = UInt128.Zero;
        foreach (var c in text)
        {
            // Hex digits, colons and the dots of an embedded IPv4 tail only: no zone ids, brackets or spaces.
            if (!char.IsAsciiHexDigit(c) && c != ':' && c != '.')
            {
                return false;
            }
        }

        if (!IPAddress.TryParse(text, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        return true;
    }
}
