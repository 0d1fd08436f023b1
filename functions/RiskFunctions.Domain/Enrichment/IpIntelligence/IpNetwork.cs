namespace RiskFunctions.Domain.Enrichment.IpIntelligence;

/// <summary>An inclusive range of addresses of one family, from a CIDR, a single address or a start/end pair.</summary>
public readonly record struct IpNetwork(IpAddressValue First, IpAddressValue Last)
{
    /// <summary>
    /// Parses <c>address</c> or <c>address/prefix</c>. Host bits below the prefix are ignored
    /// (<c>10.1.2.3/8</c> is <c>10.0.0.0/8</c>), as data files are not always canonical.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IpNetwork network)
    {
        network = default;
        var slash = text.IndexOf('/');
        if (slash < 0)
        {
            if (!IpAddressValue.TryParse(text, out var single))
            {
                return false;
            }

            network = new IpNetwork(single, single);
            return true;
        }

        var prefixText = text[(slash + 1)..];
        if (!IpAddressValue.TryParse(text[..slash], out var address)
            || prefixText.IsEmpty || prefixText.Length > 3
            || !int.TryParse(prefixText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix))
        {
            return false;
        }

        // An IPv4-mapped IPv6 network (::ffff:10.0.0.0/104) is the IPv4 network 10.0.0.0/8.
        var isMappedV6 = address.IsIPv4 && text[..slash].Contains(':');
        if (isMappedV6)
        {
            if (prefix < 96)
            {
                return false;
            }

            prefix -= 96;
        }

        var width = address.IsIPv4 ? 32 : 128;
        if (prefix > width)
        {
            return false;
        }

        var hostBits = width - prefix;
        var hostMask = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        var first = address.Bits & ~hostMask;
        var last = first | hostMask;
        if (address.IsIPv4)
        {
            network = new IpNetwork(IpAddressValue.FromIPv4((uint)first), IpAddressValue.FromIPv4((uint)last));
            return true;
        }

        // A wide IPv6 network can start or end inside the IPv4-mapped block; it stays an IPv6 range,
        // since IPv4 clients are always looked up among the IPv4 ranges.
        network = new IpNetwork(IpAddressValue.FromIPv6Unmapped(first), IpAddressValue.FromIPv6Unmapped(last));
        var firstMapped = IpAddressValue.FromIPv6(first);
        var lastMapped = IpAddressValue.FromIPv6(last);
        if (firstMapped.IsIPv4 && lastMapped.IsIPv4)
        {
            network = new IpNetwork(firstMapped, lastMapped);
        }

        return true;
    }

    /// <summary>A start/end range as DB-IP writes it; both ends must be of one family and in order.</summary>
    public static bool TryCreate(IpAddressValue first, IpAddressValue last, out IpNetwork network)
    {
        network = new IpNetwork(first, last);
        return first.IsIPv4 == last.IsIPv4 && first.Bits <= last.Bits;
    }
}
