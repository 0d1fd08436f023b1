using System.Globalization;
using RiskFunctions.Domain.Enrichment.IpIntelligence;

namespace RiskFunctions.Domain.Rules.Values;

/// <summary>
/// Strict CIDR parsing for rules: <c>a.b.c.d/n</c> (n 0..32) or an IPv6 address with <c>/n</c> (n 0..128).
/// A bare address is a single-host range. Host bits are allowed and cleared (<c>10.1.2.3/8</c> is
/// <c>10.0.0.0/8</c>).
/// </summary>
/// <remarks>
/// Addresses are read by the IP-intelligence parser (<see cref="IpAddressValue"/>: dotted-quad IPv4 without
/// shorthand or leading zeros, any RFC 4291 IPv6 form), so a rule reads an address exactly as the enrichment
/// reads the action's. On top of that a rule refuses what a data file may carry but an analyst should not
/// write: zone ids, prefix lengths with leading zeros or signs, and white space inside the value. A rule that
/// silently matches another range than its author meant is worse than a 400.
/// </remarks>
public static class CidrParser
{
    /// <summary>Longest text accepted; the longest valid form (full IPv6 with embedded IPv4 and /128) is 49.</summary>
    public const int MaxLength = 64;

    private const string Expected = "must be an IPv4 or IPv6 range in CIDR notation, e.g. 203.0.113.0/24 or 2001:db8::/32";

    /// <summary>Parses <paramref name="text"/> (surrounding white space ignored) into a normalized range.</summary>
    /// <param name="text">The CIDR text.</param>
    /// <param name="cidr">The normalized range when the text is valid.</param>
    /// <param name="error">Why the text is not a CIDR, phrased to follow the value, when it is not valid.</param>
    public static bool TryParse(string? text, out RuleCidr cidr, out string error)
    {
        cidr = default;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            error = Expected;
            return false;
        }

        if (span.Length > MaxLength)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"must be at most {MaxLength} characters");
            return false;
        }

        var slash = span.IndexOf('/');
        var addressText = slash < 0 ? span : span[..slash];
        var isV6Text = addressText.Contains(':');
        if (!IsPlainAddressText(addressText) || !IpAddressValue.TryParse(addressText, out var address))
        {
            error = isV6Text
                ? "is not a valid IPv6 address"
                : "is not a valid IPv4 address (four decimal numbers 0-255 without leading zeros)";
            return false;
        }

        // The prefix as written: IPv4-mapped IPv6 ranges count their prefix over 128 bits.
        var writtenBits = isV6Text ? 128 : 32;
        var prefixLength = writtenBits;
        if (slash >= 0 && !TryParsePrefixLength(span[(slash + 1)..], writtenBits, out prefixLength))
        {
            error = string.Create(CultureInfo.InvariantCulture, $"prefix length must be a whole number from 0 to {writtenBits}");
            return false;
        }

        const int mappedPrefix = 96;
        if (isV6Text && address.IsIPv4 && prefixLength < mappedPrefix)
        {
            error = "is an IPv4-mapped IPv6 range and needs a prefix length of at least 96";
            return false;
        }

        cidr = address.IsIPv4
            ? Ipv4Cidr(address.IPv4Bits, isV6Text ? prefixLength - mappedPrefix : prefixLength)
            : Ipv6Cidr(address.Bits, prefixLength);
        error = string.Empty;
        return true;
    }

    private static RuleCidr Ipv4Cidr(uint address, int prefixLength)
    {
        var hostMask = prefixLength == 0 ? uint.MaxValue : (1u << (32 - prefixLength)) - 1;
        var first = address & ~hostMask;
        return new RuleCidr(
            new IpNetwork(IpAddressValue.FromIPv4(first), IpAddressValue.FromIPv4(first | hostMask)), prefixLength);
    }

    private static RuleCidr Ipv6Cidr(UInt128 address, int prefixLength)
    {
        // Taken literally: a range wider than ::ffff:0:0/96 that contains it stays an IPv6 range.
        var hostMask = prefixLength == 0 ? UInt128.MaxValue : (UInt128.One << (128 - prefixLength)) - 1;
        var first = address & ~hostMask;
        return new RuleCidr(
            new IpNetwork(IpAddressValue.FromIPv6Unmapped(first), IpAddressValue.FromIPv6Unmapped(first | hostMask)),
            prefixLength);
    }

    // Hex digits, colons and the dots of an embedded IPv4 tail only: no zone ids, brackets, signs or spaces.
    private static bool IsPlainAddressText(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c) && c != ':' && c != '.')
            {
                return false;
            }
        }

        return !text.IsEmpty;
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
}
